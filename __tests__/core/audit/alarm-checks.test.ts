import { judgeAlarm } from '../../../src/core/audit/alarm-checks.js';
import type { MetricTransformationRecord } from '../../../src/core/audit/snapshot.js';
import { cisAlarm } from '../../helpers/snapshots.js';

const filter: MetricTransformationRecord = {
  metricName: 'm',
  metricNamespace: 'CISBenchmark',
  metricValue: '1',
};
const withDefault: MetricTransformationRecord = { ...filter, defaultValue: 0 };

// Can one event the filter matches (value 1) breach the alarm in one period?
describe('judgeAlarm: one matching event must be able to breach', () => {
  it.each([
    ['Sum >= 1', { statistic: 'Sum', threshold: 1 }, filter, true],
    ['Sum > 0', { statistic: 'Sum', threshold: 0, comparisonOperator: 'GreaterThanThreshold' }, filter, true],
    [
      'Sum > 1',
      { statistic: 'Sum', threshold: 1, comparisonOperator: 'GreaterThanThreshold' },
      filter,
      false,
    ],
    ['Sum >= 100', { statistic: 'Sum', threshold: 100 }, filter, false],
    ['Maximum >= 1', { statistic: 'Maximum', threshold: 1 }, withDefault, true],
    ['SampleCount >= 1', { statistic: 'SampleCount', threshold: 1 }, withDefault, true],
    ['Average >= 1 without a defaultValue', { statistic: 'Average', threshold: 1 }, filter, true],
    ['Average >= 1 diluted by defaultValue 0', { statistic: 'Average', threshold: 1 }, withDefault, false],
    ['Minimum >= 1 without a defaultValue', { statistic: 'Minimum', threshold: 1 }, filter, true],
    [
      'p99 >= 1 without a defaultValue',
      { statistic: undefined, extendedStatistic: 'p99', threshold: 1 },
      filter,
      true,
    ],
    [
      'Sum >= 1 over 2 of 3 periods',
      { statistic: 'Sum', threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
      filter,
      false,
    ],
    [
      'Sum >= 1 over 1 of 3 periods',
      { statistic: 'Sum', threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 1 },
      filter,
      true,
    ],
    ['Sum >= 1 over 2 periods', { statistic: 'Sum', threshold: 1, evaluationPeriods: 2 }, filter, false],
    ['Sum < 1', { statistic: 'Sum', threshold: 1, comparisonOperator: 'LessThanThreshold' }, filter, false],
    ['unit Count on a filter without unit', { statistic: 'Sum', threshold: 1, unit: 'Count' }, filter, false],
    [
      'unit Count on a Count filter',
      { statistic: 'Sum', threshold: 1, unit: 'Count' },
      { ...filter, unit: 'Count' },
      true,
    ],
    [
      'Sum >= 5 with metricValue 5',
      { statistic: 'Sum', threshold: 5 },
      { ...filter, metricValue: '5' },
      true,
    ],
  ] as const)('%s → %s', (_case, overrides, transformation, ok) => {
    expect(judgeAlarm(cisAlarm('m', overrides as never), transformation).ok).toBe(ok);
  });

  it('needs an SNS topic on ALARM, not an Auto Scaling action', () => {
    const j = judgeAlarm(
      cisAlarm('m', { alarmActions: ['arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x'] }),
      filter,
    );
    expect(j).toEqual({ ok: false, why: 'alarm m has no SNS topic in its ALARM actions' });
  });

  it('is undecided for an anomaly-detection band', () => {
    const j = judgeAlarm(
      cisAlarm('m', { thresholdMetricId: 'ad1', comparisonOperator: 'GreaterThanUpperThreshold' }),
      filter,
    );
    expect(j).toMatchObject({ ok: false, unknown: true });
  });
});
