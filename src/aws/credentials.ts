import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { AwsCallError, callAws } from './aws-errors.js';
import type { ClientFactory, Credentials } from './clients.js';

/** Credentials could not be had: a clear message, exit code non-zero, no verdicts. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

export interface OidcDeps {
  env: Record<string, string | undefined>;
  getIDToken: (audience: string) => Promise<string>;
  setSecret: (secret: string) => void;
}

const NO_TOKEN_HELP =
  'add `permissions: id-token: write` to the workflow or job; note that workflows triggered by pull requests from forks get no OIDC token';

/** Exchanges the job's GitHub OIDC token for role credentials, masking the token and the credentials. */
export async function assumeRoleWithOidc(
  sts: ClientFactory,
  region: string,
  role: { arn: string; audience: string; sessionName: string },
  deps: OidcDeps,
): Promise<Credentials> {
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    throw new CredentialsError(
      `role-to-assume is set but this job cannot request a GitHub OIDC token: ${NO_TOKEN_HELP}`,
    );
  let token: string;
  try {
    token = await deps.getIDToken(role.audience);
  } catch (e) {
    throw new CredentialsError(
      `could not get a GitHub OIDC token for audience ${role.audience}: ${(e as Error).message}; ${NO_TOKEN_HELP}`,
    );
  }
  deps.setSecret(token);
  try {
    const out = await callAws('STS', 'AssumeRoleWithWebIdentity', region, () =>
      sts.sts(region).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: role.arn,
          RoleSessionName: role.sessionName,
          WebIdentityToken: token,
          DurationSeconds: 3600,
        }),
      ),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new CredentialsError(`STS returned no credentials for ${role.arn}`);
    deps.setSecret(c.AccessKeyId);
    deps.setSecret(c.SecretAccessKey);
    if (c.SessionToken) deps.setSecret(c.SessionToken);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  } catch (e) {
    if (e instanceof AwsCallError)
      throw new CredentialsError(
        `could not assume ${role.arn} with the GitHub OIDC token (STS AssumeRoleWithWebIdentity in ${region}): ${e.readError.code}: ${e.readError.message}. Check the role's trust policy: the OIDC provider token.actions.githubusercontent.com, audience ${role.audience}, and a sub claim that matches this workflow`,
      );
    throw e;
  }
}
