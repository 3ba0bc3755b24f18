import { judgeFilterPatterns } from '../../../src/core/audit/filter-verdict.js';
import { getBenchmark } from '../../../src/core/catalog/catalog.js';

const control = (b: Parameters<typeof getBenchmark>[0], id: string) =>
  getBenchmark(b).controls.find((c) => c.id === id)!;

describe('judgeFilterPatterns', () => {
  const hubVpc = control('security-hub', 'vpc-changes');
  const cisVpc = control('cis-5.0', 'vpc-changes');

  it('fails, under Security Hub, a filter that covers but is not the exact text, and says so', () => {
    const v = judgeFilterPatterns(hubVpc, [cisVpc.references[0]!.replace('CreateVpc', '"CreateVpc"')]);
    expect(v.outcome).toBe('misses');
    expect(v.reason).toMatch(/^covers the control; Security Hub still demands this exact text/);
  });

  it('passes, under Security Hub, the exact text with other whitespace', () => {
    expect(judgeFilterPatterns(hubVpc, [hubVpc.exactText!.replace(/ \|\| /g, '||')]).outcome).toBe('covers');
  });

  it("adds no note, under CIS, when the text is Security Hub's with other whitespace", () => {
    expect(judgeFilterPatterns(cisVpc, [cisVpc.references[0]!]).notes.join(' ')).not.toMatch(/Security Hub/);
  });

  it('notes, under CIS, that Security Hub would fail a text that differs', () => {
    const v = judgeFilterPatterns(cisVpc, [cisVpc.references[0]!.replace(/= (\w+)\)/g, '= "$1")')]);
    expect(v.outcome).toBe('covers');
    expect(v.notes.join(' ')).toMatch(/Security Hub's check would fail it/);
  });

  it('is undecided, never a pass, when the only filter does not parse', () => {
    const v = judgeFilterPatterns(cisVpc, ['{ ($.eventName = CreateVpc']);
    expect(v.outcome).toBe('undecided');
    expect(v.reason).toMatch(/does not parse: expected '\)'/);
  });

  it('passes when another filter on the metric already covers, noting the unparsable one', () => {
    const v = judgeFilterPatterns(cisVpc, ['{ ($.eventName = CreateVpc', cisVpc.references[0]!]);
    expect(v.outcome).toBe('covers');
    expect(v.notes.join(' ')).toMatch(/ignored: .*does not parse/);
  });

  it('accepts the narrower SSO form of the MFA control from v1.4 on', () => {
    const mfa = control('cis-5.0', 'console-signin-without-mfa');
    const v = judgeFilterPatterns(mfa, [mfa.references[1]!]);
    expect(v.outcome).toBe('covers');
    expect(v.notes.join(' ')).toMatch(/narrower alternative/);
  });

  it('passes MFAUsed = "No" only under the CloudTrail reading', () => {
    const mfa = control('cis-1.2', 'console-signin-without-mfa');
    const filter = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "No") }';
    expect(judgeFilterPatterns(mfa, [filter]).outcome).toBe('misses');
    expect(judgeFilterPatterns(mfa, [filter], 'cloudtrail').outcome).toBe('covers');
  });
});

describe('the event names a filter misses', () => {
  it('lists every reference event name the filter misses', () => {
    const s3 = control('cis-6.0', 's3-bucket-policy-changes');
    const v = judgeFilterPatterns(s3, [
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy)) }',
    ]);
    expect(v.reason).toMatch(
      /\(misses 7 of the 9 event names: PutBucketCors, PutBucketLifecycle, .*DeleteBucketReplication\)$/,
    );
  });

  it('says "all" when the filter can match none of them', () => {
    const vpc = control('cis-6.0', 'vpc-changes');
    expect(
      judgeFilterPatterns(vpc, ['{ $.eventName = CreateVpc && $.eventName = DeleteVpc }']).reason,
    ).toMatch(/\(misses all 11 event names\)$/);
  });
});
