import { BENCHMARK_IDS, CONTROL_IDS, getBenchmark } from '../../../src/core/catalog/catalog.js';
import { parsePattern } from '../../../src/core/pattern/parser.js';

describe('the control catalog', () => {
  it.each([
    ['cis-1.2', 14, '3.1', '3.14'],
    ['cis-1.4', 15, '4.1', '4.15'],
    ['cis-1.5', 15, '4.1', '4.15'],
    ['cis-2.0', 15, '4.1', '4.15'],
    ['cis-3.0', 15, '4.1', '4.15'],
    ['cis-4.0', 15, '4.1', '4.15'],
    ['cis-5.0', 15, '4.1', '4.15'],
    ['cis-6.0', 15, '5.1', '5.15'],
    ['security-hub', 14, 'CloudWatch.2', 'CloudWatch.14'],
  ] as const)('%s has %d controls numbered from %s to %s', (id, count, first, last) => {
    const b = getBenchmark(id);
    expect(b.controls).toHaveLength(count);
    expect(b.controls[0]!.number).toBe(first);
    expect(b.controls[b.controls.length - 1]!.number).toBe(last);
  });

  it('numbers root usage 3.3 in v1.2, 4.3 in v1.4–v5.0, 5.3 in v6.0 and CloudWatch.1 in Security Hub', () => {
    const num = (b: (typeof BENCHMARK_IDS)[number]) =>
      getBenchmark(b).controls.find((c) => c.id === 'root-usage')!.number;
    expect([num('cis-1.2'), num('cis-1.4'), num('cis-5.0'), num('cis-6.0'), num('security-hub')]).toEqual([
      '3.3',
      '4.3',
      '4.3',
      '5.3',
      'CloudWatch.1',
    ]);
  });

  it('parses every reference pattern', () => {
    for (const id of BENCHMARK_IDS)
      for (const c of getBenchmark(id).controls)
        for (const r of c.references) expect(parsePattern(r).kind).toBe('json');
  });

  it('uses only the slug ids the design lists', () => {
    for (const id of BENCHMARK_IDS)
      for (const c of getBenchmark(id).controls) expect(CONTROL_IDS).toContain(c.id);
  });

  it('tells the user that v1.4 uses the corrected unauthorized-API text', () => {
    const c = getBenchmark('cis-1.4').controls.find((x) => x.id === 'unauthorized-api-calls')!;
    expect(c.notes.join(' ')).toMatch(/matches almost every CloudTrail event/);
    expect(c.references[0]).toContain('&&');
  });

  it('offers the MFA control two forms from v1.4 on, one in v1.2', () => {
    const refs = (b: 'cis-1.2' | 'cis-1.4') =>
      getBenchmark(b).controls.find((x) => x.id === 'console-signin-without-mfa')!.references;
    expect(refs('cis-1.2')).toHaveLength(1);
    expect(refs('cis-1.4')).toHaveLength(2);
  });

  it('adds ModifySecurityGroupRules from v5.0', () => {
    const sg = (b: 'cis-4.0' | 'cis-5.0') =>
      getBenchmark(b).controls.find((x) => x.id === 'security-group-changes')!.references[0]!;
    expect(sg('cis-4.0')).not.toContain('ModifySecurityGroupRules');
    expect(sg('cis-5.0')).toContain('ModifySecurityGroupRules');
  });

  it('says where v6.0 text has a transcription slip and which text is used', () => {
    const c = getBenchmark('cis-6.0').controls.find((x) => x.id === 'organizations-changes')!;
    expect(c.notes.join(' ')).toMatch(/unbalanced quote/);
  });

  it('has no Organizations control in v1.2 or Security Hub', () => {
    for (const b of ['cis-1.2', 'security-hub'] as const)
      expect(getBenchmark(b).controls.some((c) => c.id === 'organizations-changes')).toBe(false);
  });
});
