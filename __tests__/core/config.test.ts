import { validateConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';

function configError(raw: Parameters<typeof validateConfig>[0]): ConfigError {
  try {
    validateConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('uses the documented defaults', () => {
    expect(validateConfig({}, {})).toEqual({
      region: 'us-east-1',
      benchmark: 'cis-6.0',
      failOn: 'unknown',
      coverage: 'strict',
      audience: 'sts.amazonaws.com',
      roleSessionName: 'cis-monitoring-gate',
      maxAttempts: 5,
    });
  });

  it('takes the region from AWS_REGION when the input is empty', () => {
    expect(validateConfig({}, { AWS_REGION: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('accepts control ids and numbers, in any mix', () => {
    expect(validateConfig({ benchmark: 'cis-5.0', controls: '4.3, vpc-changes\n4.1' }).controls).toEqual([
      'root-usage',
      'vpc-changes',
      'unauthorized-api-calls',
    ]);
  });

  it.each([
    [{ benchmark: 'cis-9.9' }, 'benchmark', /is not one of: cis-1.2, cis-1.4/],
    [{ controls: 'root-usage,nope' }, 'controls', /'nope' is not a control of cis-6.0/],
    [{ benchmark: 'cis-1.2', controls: 'organizations-changes' }, 'controls', /not a control of cis-1.2/],
    [{ 'fail-on': 'sometimes' }, 'fail-on', /one of: unknown, fail, never/],
    [{ coverage: 'loose' }, 'coverage', /one of: strict, cloudtrail/],
    [{ 'role-to-assume': 'my-role' }, 'role-to-assume', /not an IAM role ARN/],
    [{ 'aws-region': 'US East' }, 'aws-region', /not an AWS region code/],
    [{ 'max-attempts': '0' }, 'max-attempts', /from 1 to 20/],
    [{ 'role-session-name': 'x' }, 'role-session-name', /2–64 characters/],
  ] as const)('rejects %j naming the input %s', (raw, input, message) => {
    const e = configError(raw);
    expect(e.input).toBe(input);
    expect(e.message).toMatch(message);
  });

  it('accepts a role ARN in another partition', () => {
    expect(
      validateConfig({ 'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/path/cis' }).roleToAssume,
    ).toBe('arn:aws-us-gov:iam::123456789012:role/path/cis');
  });
});
