import * as core from '@actions/core';

/** The action: inputs → audit → report → one pass/fail decision. */
export async function run(): Promise<void> {
  core.setFailed('not built yet');
}
