import { ConfigError } from '../core/errors.js';

/** `audit`: not built yet. */
export async function auditCommand(_args: string[]): Promise<number> {
  throw new ConfigError('audit is not available in this build');
}
