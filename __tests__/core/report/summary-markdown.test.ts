import { decideGate } from '../../../src/core/audit/decide.js';
import { evaluateSnapshot } from '../../../src/core/audit/evaluate.js';
import { getBenchmark } from '../../../src/core/catalog/catalog.js';
import { buildAnnotations } from '../../../src/core/report/annotations.js';
import { renderSummary } from '../../../src/core/report/summary-markdown.js';
import { alarmOf, compliantSnapshot, filterOf } from '../../helpers/snapshots.js';

function render(mutate: (s: ReturnType<typeof compliantSnapshot>) => void = () => {}) {
  const s = compliantSnapshot();
  mutate(s);
  const findings = evaluateSnapshot(s, getBenchmark('cis-6.0'), undefined, { reading: 'strict' });
  const decision = decideGate(findings, 'unknown');
  return {
    findings,
    text: renderSummary(findings, {
      benchmarkName: 'CIS v6.0.0',
      account: '123456789012',
      region: 'us-east-1',
      coverage: 'strict',
      decision,
      failOn: 'unknown',
    }),
  };
}

describe('the job summary', () => {
  it('has one row per control with its status, number, title and chain', () => {
    const { text } = render((s) => {
      alarmOf(s, 'vpc-changes').threshold = 100;
    });
    const rows = text.split('\n').filter((l) => /^\| (✅|❌|❔)/.test(l));
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.includes('| 5.14 |'))).toMatch(
      /^\| ❌ FAIL \| 5\.14 \| Ensure VPC changes are monitored \| trail ✅ → log group ✅ → filter ✅ → alarm ❌ → topic · → subscriber · \| alarm: alarm vpc-changes needs Sum >= 100/,
    );
    expect(text).toContain('<details><summary>5.14 Ensure VPC changes are monitored: FAIL</summary>');
  });

  it('escapes pipes in reasons so a row stays one row', () => {
    const { text } = render((s) => {
      filterOf(s, 'root-usage').filterPattern = '{ $.userIdentity.type = "Root" || $.x = 1 } junk';
    });
    const row = text.split('\n').find((l) => l.includes('| 5.3 |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('lists notes on passing controls apart', () => {
    const { text } = render((s) => {
      filterOf(s, 'nacl-changes').filterPattern = filterOf(s, 'nacl-changes').filterPattern.replace(
        /= (\w+)\)/g,
        '="$1")',
      );
    });
    expect(text).toMatch(
      /<summary>Notes on passing controls<\/summary>[\s\S]*- 5\.11 nacl-changes: the text differs from Security Hub's exact pattern/,
    );
  });
});

describe('annotations', () => {
  it('puts FAIL before UNKNOWN and warns about UNKNOWN when it does not fail the gate', () => {
    const { findings } = render((s) => {
      alarmOf(s, 'vpc-changes').threshold = 100;
      alarmOf(s, 'root-usage').thresholdMetricId = 'ad1';
    });
    const gate = buildAnnotations(findings, 'unknown');
    expect(gate.map((a) => `${a.level} ${a.title}`)).toEqual([
      'error CIS 5.14 vpc-changes: FAIL',
      'error CIS 5.3 root-usage: UNKNOWN',
    ]);
    const lenient = buildAnnotations(findings, 'fail');
    expect(lenient.map((a) => a.level)).toEqual(['error', 'warning']);
  });
});
