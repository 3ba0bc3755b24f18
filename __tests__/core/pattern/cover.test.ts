import { BENCHMARK_IDS, getBenchmark } from '../../../src/core/catalog/catalog.js';
import type { Pattern } from '../../../src/core/pattern/ast.js';
import { parsePattern } from '../../../src/core/pattern/parser.js';
import { printPattern } from '../../../src/core/pattern/print.js';
import { decide, referencesOf, verdictOf } from '../../helpers/coverage.js';

const everyReference = BENCHMARK_IDS.flatMap((b) =>
  getBenchmark(b).controls.flatMap((c) => c.references.map((r) => [`${b} ${c.id}`, r] as const)),
);

function jsonRoot(text: string) {
  const p: Pattern = parsePattern(text);
  if (p.kind !== 'json') throw new Error('expected a JSON pattern');
  return p.root;
}

function inQuotes(text: string, offset: number): boolean {
  return (text.slice(0, offset).match(/"/g) ?? []).length % 2 === 1;
}

function reformattings(text: string): Array<[string, string]> {
  const root = jsonRoot(text);
  return [
    ['compact', printPattern(root)],
    ['spaced', printPattern(root, { spaced: true })],
    ['every value quoted', printPattern(root, { quoteAll: true, spaced: true })],
    ['redundant parentheses', printPattern(root, { parenthesize: true })],
    ['terms reordered', printPattern(root, { reverse: true, spaced: true })],
    ['all at once', printPattern(root, { reverse: true, quoteAll: true, parenthesize: true })],
    // Outside quotes, and not between two words (`NOT EXISTS` keeps its space).
    [
      'whitespace stripped',
      text.replace(/(?<!\w)\s+|\s+(?!\w)/g, (ws, offset: number) => (inQuotes(text, offset) ? ws : '')),
    ],
    ['Terraform heredoc', `\n  ${text.replace(/\|\|/g, '||\n   ')}\n`],
  ];
}

describe('covers: every catalog reference', () => {
  it.each(everyReference)('%s covers itself', (_label, reference) => {
    expect(verdictOf(decide(reference, [reference]))).toBe('covers');
  });

  const variants = everyReference.flatMap(([label, reference]) =>
    reformattings(reference).map(([how, text]) => [label, how, reference, text] as const),
  );
  it.each(variants)('%s still covers itself when %s', (_label, _how, reference, text) => {
    expect(verdictOf(decide(reference, [text]))).toBe('covers');
  });
});

// ../shared/peers.md §3: the semantically right verdict for each row, whatever the peers answer.
const vpcOr = (names: string[], q = '') => names.map((n) => `($.eventName = ${q}${n}${q})`).join(' || ');
const [VPC_CIS] = referencesOf('cis-5.0', 'vpc-changes');
/** The eleven VPC event names, in the order CIS prints them. */
const VPC_NAMES = [...VPC_CIS!.matchAll(/\$\.eventName = (\w+)/g)].map((m) => m[1]!);
const [ROOT_CIS] = referencesOf('cis-5.0', 'root-usage');
const [UNAUTH_V12] = referencesOf('cis-1.2', 'unauthorized-api-calls');
const [SG_V4] = referencesOf('cis-4.0', 'security-group-changes');
const [SG_V5] = referencesOf('cis-5.0', 'security-group-changes');
const [ROUTE_V3] = referencesOf('cis-3.0', 'route-table-changes');
const [ROUTE_V12] = referencesOf('cis-1.2', 'route-table-changes');
const [ORG] = referencesOf('cis-1.4', 'organizations-changes');
const hub = (id: Parameters<typeof referencesOf>[1]) => referencesOf('security-hub', id)[0]!;

describe('covers: the peer comparison rows of peers.md §3', () => {
  it('reads the eleven VPC event names from the reference', () => {
    expect(VPC_NAMES).toHaveLength(11);
  });

  it.each([
    ['VPC, CIS text (spaced, unquoted)', 'cis-5.0', 'vpc-changes', VPC_CIS!, 'covers'],
    ['VPC, Security Hub text (no spaces)', 'cis-5.0', 'vpc-changes', hub('vpc-changes'), 'covers'],
    ['VPC, event names quoted', 'cis-5.0', 'vpc-changes', `{ ${vpcOr(VPC_NAMES, '"')} }`, 'covers'],
    ['VPC, clauses reordered', 'cis-5.0', 'vpc-changes', `{ ${vpcOr([...VPC_NAMES].reverse())} }`, 'covers'],
    [
      'VPC, && instead of ||',
      'cis-5.0',
      'vpc-changes',
      `{ ${VPC_NAMES.map((n) => `($.eventName = ${n})`).join(' && ')} }`,
      'misses',
    ],
    [
      'VPC, narrowed by recipientAccountId',
      'cis-5.0',
      'vpc-changes',
      `{ (${vpcOr(VPC_NAMES)}) && ($.recipientAccountId = "111111111111") }`,
      'misses',
    ],
    [
      'VPC, recipientAccountId appended without grouping',
      'cis-5.0',
      'vpc-changes',
      `{ ${vpcOr(VPC_NAMES)} && ($.recipientAccountId = "111111111111") }`,
      'misses',
    ],
    ['VPC, "*Vpc*" superset', 'cis-5.0', 'vpc-changes', '{ $.eventName = "*Vpc*" }', 'covers'],
    ['Root, CIS text', 'cis-5.0', 'root-usage', ROOT_CIS!, 'covers'],
    [
      'Root, clauses reordered',
      'cis-5.0',
      'root-usage',
      '{ $.eventType != "AwsServiceEvent" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = "Root" }',
      'covers',
    ],
    [
      'Root, narrowed by sourceIPAddress',
      'cis-5.0',
      'root-usage',
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" && $.sourceIPAddress = "203.0.113.9" }',
      'misses',
    ],
    ['Unauthorized, CIS v1.2 text under v5.0', 'cis-5.0', 'unauthorized-api-calls', UNAUTH_V12!, 'covers'],
    [
      'Unauthorized, Security Hub text under v5.0',
      'cis-5.0',
      'unauthorized-api-calls',
      hub('unauthorized-api-calls'),
      'covers',
    ],
    [
      'Unauthorized, v1.2 narrowed by a principalId exclusion',
      'cis-5.0',
      'unauthorized-api-calls',
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.userIdentity.principalId != "*:AWSConfig-BucketConfigCheck") }',
      'misses',
    ],
    ['Route tables, CIS v3+ text', 'cis-3.0', 'route-table-changes', ROUTE_V3!, 'covers'],
    ['Route tables, CIS v1.2 text under v3.0', 'cis-3.0', 'route-table-changes', ROUTE_V12!, 'covers'],
    [
      'Route tables, Security Hub text under v3.0',
      'cis-3.0',
      'route-table-changes',
      hub('route-table-changes'),
      'covers',
    ],
    ['Organizations, CIS v1.4 text (quoted names)', 'cis-5.0', 'organizations-changes', ORG!, 'covers'],
    ['Security groups, v1.2–v4 text under v1.2', 'cis-1.2', 'security-group-changes', SG_V4!, 'covers'],
    ['Security groups, v1.2–v4 text under v5.0', 'cis-5.0', 'security-group-changes', SG_V4!, 'misses'],
    ['Security groups, v5 text under v5.0', 'cis-5.0', 'security-group-changes', SG_V5!, 'covers'],
    ['Security groups, v5 text under v1.2', 'cis-1.2', 'security-group-changes', SG_V5!, 'covers'],
  ] as const)('%s → %s', (_row, benchmark, control, filter, expected) => {
    const verdicts = referencesOf(benchmark, control).map((r) => verdictOf(decide(r, [filter])));
    expect(verdicts.includes('covers') ? 'covers' : verdicts[0]).toBe(expected);
  });
});

describe('covers: facts across CIS versions', () => {
  it('the v1.2 unauthorized filter covers the v2.0+ reference', () => {
    for (const b of ['cis-2.0', 'cis-3.0', 'cis-4.0', 'cis-5.0', 'cis-6.0'] as const)
      expect(verdictOf(decide(referencesOf(b, 'unauthorized-api-calls')[0]!, [UNAUTH_V12!]))).toBe('covers');
  });

  it('the v4.0 security-group filter does not cover v5.0, and the explanation names ModifySecurityGroupRules', () => {
    const r = decide(SG_V5!, [SG_V4!]);
    expect(r.covers).toBe(false);
    if (!('explanation' in r)) throw new Error('expected a counterexample');
    expect(r.counterexample).toEqual({ eventName: 'ModifySecurityGroupRules' });
    expect(r.explanation).toContain('ModifySecurityGroupRules');
  });

  it('a filter made from the route-table remediation text covers the v3.0+ audit text', () => {
    expect(verdictOf(decide(ROUTE_V3!, [ROUTE_V12!]))).toBe('covers');
  });

  it('the v3.0+ audit text does not cover the older text: only CreateRoute is scoped to ec2', () => {
    const r = decide(ROUTE_V12!, [ROUTE_V3!]);
    expect(verdictOf(r)).toBe('misses');
    if ('counterexample' in r) expect(r.counterexample.eventName).toBe('CreateRoute');
  });
});

describe('covers: filters split across one metric', () => {
  it('two filters that each hold half the event names cover together', () => {
    const half = Math.ceil(VPC_NAMES.length / 2);
    const a = `{ ${vpcOr(VPC_NAMES.slice(0, half))} }`;
    const b = `{ ${vpcOr(VPC_NAMES.slice(half))} }`;
    expect(verdictOf(decide(VPC_CIS!, [a]))).toBe('misses');
    expect(verdictOf(decide(VPC_CIS!, [a, b]))).toBe('covers');
  });
});

describe('covers: semantics that decide real cases', () => {
  it.each([
    [
      'a prefix collision: CreateRoute* is not CreateRoute',
      '{ $.eventName = CreateRoute }',
      '{ $.eventName = "CreateRouteTable*" }',
      'misses',
    ],
    [
      'a leading wildcard covers a literal suffix',
      '{ $.errorCode = "Client.UnauthorizedOperation" }',
      '{ $.errorCode = "*UnauthorizedOperation" }',
      'covers',
    ],
    [
      '= and != flipped',
      '{ $.eventType != "AwsServiceEvent" }',
      '{ $.eventType = "AwsServiceEvent" }',
      'misses',
    ],
    [
      '!= needs the field: an exclusion drops events without it',
      '{ $.eventName = ConsoleLogin }',
      '{ $.eventName = ConsoleLogin && $.userIdentity.arn != "*assumed-role*" }',
      'misses',
    ],
    [
      'NOT EXISTS is narrower than the reference',
      '{ $.userIdentity.type = Root }',
      '{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS }',
      'misses',
    ],
    [
      'a regex that covers every name',
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }',
      '{ $.eventName = %^(Create|Delete)Vpc$% }'.replace('(Create|Delete)', '[CD][a-z]+'),
      'covers',
    ],
    ['numeric ranges', '{ $.status >= 500 }', '{ $.status > 499.5 }', 'covers'],
    ['numeric ranges that miss a value', '{ $.status >= 500 }', '{ $.status > 500 }', 'misses'],
    ['the empty pattern covers everything', '{ $.eventName = X }', '', 'covers'],
    ['a term pattern pinned by the reference', '{ $.eventName = ConsoleLogin }', 'ConsoleLogin', 'covers'],
    ['a term pattern that an event may lack', '{ $.eventName = ConsoleLogin }', 'Failed', 'misses'],
    ['an exclusion term pattern', '{ $.eventName = ConsoleLogin }', 'ConsoleLogin -Test', 'misses'],
  ] as const)('%s', (_case, reference, pattern, expected) => {
    expect(verdictOf(decide(reference, [pattern]))).toBe(expected);
  });

  it('says the empty pattern covers noisily', () => {
    const r = decide('{ $.eventName = X }', ['']);
    expect(r.notes.join(' ')).toMatch(/matches every event/);
  });
});

describe('covers: the CloudTrail reading', () => {
  const [MFA] = referencesOf('cis-1.2', 'console-signin-without-mfa');
  const mfaNo = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "No") }';

  it('fails MFAUsed = "No" strictly and says the CloudTrail reading would pass', () => {
    const r = decide(MFA!, [mfaNo]);
    expect(verdictOf(r)).toBe('misses');
    expect(r.notes.join(' ')).toMatch(/CloudTrail reading would pass/);
  });

  it('passes MFAUsed = "No" under the CloudTrail reading and names the strict gap', () => {
    const r = decide(MFA!, [mfaNo], 'cloudtrail');
    expect(verdictOf(r)).toBe('covers');
    expect(r.notes.join(' ')).toMatch(/strict reading gap/);
  });

  it('passes an EC2-scoped route-table filter only under the CloudTrail reading', () => {
    const scoped = `{ ($.eventSource = ec2.amazonaws.com) && (${ROUTE_V12!.slice(1, -1)}) }`;
    expect(verdictOf(decide(ROUTE_V12!, [scoped]))).toBe('misses');
    expect(verdictOf(decide(ROUTE_V12!, [scoped], 'cloudtrail'))).toBe('covers');
  });

  it('still fails an IAM-scoped policy filter: CreatePolicy also comes from Organizations', () => {
    const [IAM] = referencesOf('cis-5.0', 'iam-policy-changes');
    const scoped = `{ ($.eventSource = iam.amazonaws.com) && (${IAM!.slice(1, -1)}) }`;
    const r = decide(IAM!, [scoped], 'cloudtrail');
    expect(verdictOf(r)).toBe('misses');
    if ('counterexample' in r) expect(r.counterexample.eventSource).toMatch(/organizations|autoscaling/);
  });
});

describe('explain', () => {
  const explanation = (reference: string, pattern: string) => {
    const r = decide(reference, [pattern]);
    if (!('explanation' in r)) throw new Error('expected a counterexample');
    return r.explanation;
  };

  it('names the event name a filter does not list', () => {
    expect(explanation(VPC_CIS!, `{ ${vpcOr(VPC_NAMES.filter((n) => n !== 'DeleteVpc'))} }`)).toContain(
      'does not list `DeleteVpc`',
    );
  });

  it('says that && joins event names that can never occur together', () => {
    expect(explanation(VPC_CIS!, `{ ($.eventName = CreateVpc) && ($.eventName = DeleteVpc) }`)).toMatch(
      /`&&` joins event names that can never occur together/,
    );
  });

  it('names the extra condition that narrows the filter', () => {
    expect(
      explanation(VPC_CIS!, `{ (${vpcOr(VPC_NAMES)}) && ($.recipientAccountId = "111111111111") }`),
    ).toContain('the extra condition `$.recipientAccountId = "111111111111"` narrows the filter');
  });

  it('names the extra conditions together when the closest branch fails only on them', () => {
    const v20 = referencesOf('cis-2.0', 'unauthorized-api-calls')[0]!;
    expect(explanation(UNAUTH_V12!, v20)).toContain(
      'the extra conditions `$.sourceIPAddress!="delivery.logs.amazonaws.com"`, `$.eventName!="HeadBucket"` narrow the filter',
    );
  });

  it('names the event source of the missed events', () => {
    const [S3] = referencesOf('cis-5.0', 's3-bucket-policy-changes');
    const withoutCors = S3!.replace('($.eventName = DeleteBucketCors) || ', '');
    expect(explanation(S3!, withoutCors)).toContain('`DeleteBucketCors` events from s3.amazonaws.com');
  });
});

describe('covers: references that are not JSON patterns', () => {
  it('refutes a filter with an event the empty reference matches', () => {
    expect(verdictOf(decide('', ['{ $.eventName = X }']))).toBe('misses');
  });

  it('is undecided, never covers, when no small event refutes', () => {
    expect(verdictOf(decide('ERROR', ['ERR']))).toBe('undecided');
  });
});

describe('explain: wildcard filters', () => {
  it('does not say "does not list" for a filter that matches names by wildcard', () => {
    const r = decide(VPC_CIS!, ['{ $.eventName = "*Vpc" }']);
    if (!('explanation' in r)) throw new Error('expected a counterexample');
    expect(r.explanation).not.toMatch(/does not list/);
    expect(r.explanation).toMatch(/`\$\.eventName = "\*Vpc"` is false for them/);
  });
});

describe('covers: array wildcards', () => {
  it.each([
    ['an element equal to x also differs from y', '{ $.a[*] = "x" }', '{ $.a[*] != "y" }', 'covers'],
    [
      'NOT EXISTS is the opposite of having an element',
      '{ $.a[*] = "x" }',
      '{ $.a[*] NOT EXISTS }',
      'misses',
    ],
    ['two elements are not one', '{ $.a[*] = "x" }', '{ $.a[*] = "x" && $.a[*] = "y" }', 'misses'],
    ['an array holding x and y has y', '{ $.a[*] = "x" && $.a[*] = "y" }', '{ $.a[*] = "y" }', 'covers'],
    [
      'a field inside the elements',
      '{ $.items[*].id = "i-1" && $.eventName = RunInstances }',
      '{ $.items[*].id = "i-*" }',
      'covers',
    ],
  ] as const)('%s', (_case, reference, pattern, expected) => {
    expect(verdictOf(decide(reference, [pattern]))).toBe(expected);
  });

  it('stays undecided, never covers, when an index and a wildcard read the same array', () => {
    expect(verdictOf(decide('{ $.a[*] = "x" }', ['{ $.a[0] = "x" || $.a[1] = "x" }']))).toBe('undecided');
  });
});

describe('covers: the CloudTrail reading with wildcard names', () => {
  it('passes an EC2-scoped route filter written with wildcards', () => {
    const [ROUTE] = referencesOf('cis-2.0', 'route-table-changes');
    const scoped =
      '{ $.eventSource = ec2.amazonaws.com && ($.eventName = "*Route" || $.eventName = "*RouteTable" || $.eventName = "*RouteTableAssociation") }';
    expect(verdictOf(decide(ROUTE!, [scoped]))).toBe('misses');
    expect(verdictOf(decide(ROUTE!, [scoped], 'cloudtrail'))).toBe('covers');
  });
});
