/** A mistake in what the user gave us: an input, a flag, a file. Exit code 2, never a stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly input?: string,
  ) {
    super(message);
  }
}

/** A filter pattern that does not parse; `offset` is the 0-based character index of the problem. */
export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at character ${offset + 1}`);
  }
}
