// Link 4 of the chain: can this alarm fire, and notify, on one event the filter matches?
import type { AlarmRecord, CompositeAlarmRecord, MetricTransformationRecord } from './snapshot.js';
import { parseArn } from './snapshot.js';

export type AlarmJudgement = { ok: true; topics: string[] } | { ok: false; unknown?: boolean; why: string };

/** True for an SNS topic ARN: the only alarm action that reaches a subscriber. */
export function isSnsTopicArn(action: string): boolean {
  return parseArn(action)?.service === 'sns';
}

/** Whether an alarm's dimension names are exactly the ones the filter emits. */
export function sameDimensionNames(alarm: AlarmRecord, t: MetricTransformationRecord): boolean {
  const a = alarm.dimensions.map((d) => d.name).sort();
  const f = Object.keys(t.dimensions ?? {}).sort();
  return a.length === f.length && a.every((n, i) => n === f[i]);
}

// The value a statistic is sure to reach in a period holding one matching event.
function guaranteedValue(stat: string, value: number, t: MetricTransformationRecord): number | undefined {
  const diluted = t.defaultValue !== undefined;
  if (stat === 'Sum' || stat === 'Maximum') return value;
  if (stat === 'SampleCount') return 1;
  if (stat === 'Average' || stat === 'Minimum' || /^(p|tm|tc|ts|wm|pr|TM|TC|TS|WM|PR)/.test(stat))
    return diluted ? undefined : value;
  return undefined;
}

/** Judges one metric alarm on the filter's metric: actions, an SNS topic on ALARM, and a threshold one event breaches. */
export function judgeAlarm(alarm: AlarmRecord, t: MetricTransformationRecord): AlarmJudgement {
  if (!alarm.actionsEnabled)
    return { ok: false, why: `alarm ${alarm.name} has its actions disabled (ActionsEnabled is false)` };
  const topics = alarm.alarmActions.filter(isSnsTopicArn);
  if (topics.length === 0) {
    const elsewhere = [...alarm.okActions, ...alarm.insufficientDataActions].some(isSnsTopicArn);
    return {
      ok: false,
      why: elsewhere
        ? `alarm ${alarm.name} notifies SNS only on OK or INSUFFICIENT_DATA, not on ALARM`
        : `alarm ${alarm.name} has no SNS topic in its ALARM actions`,
    };
  }
  if (alarm.thresholdMetricId)
    return {
      ok: false,
      unknown: true,
      why: `alarm ${alarm.name} compares with an anomaly-detection band, which is not decided`,
    };
  const value = Number(t.metricValue);
  const stat = alarm.statistic ?? alarm.extendedStatistic ?? '';
  const x = guaranteedValue(stat, value, t);
  if (x === undefined)
    return {
      ok: false,
      why: `alarm ${alarm.name} uses ${stat || 'no statistic'}${t.defaultValue !== undefined ? `, which the filter's defaultValue ${t.defaultValue} dilutes` : ''}: one matching event may not breach`,
    };
  const threshold = alarm.threshold ?? Number.NaN;
  const op = alarm.comparisonOperator ?? '';
  let breaches: boolean;
  if (op === 'GreaterThanOrEqualToThreshold') breaches = x >= threshold;
  else if (op === 'GreaterThanThreshold') breaches = x > threshold;
  else if (op === 'LessThanThreshold' || op === 'LessThanOrEqualToThreshold')
    return {
      ok: false,
      why: `alarm ${alarm.name} fires when the metric is low (${op}), not on a matching event`,
    };
  else
    return {
      ok: false,
      unknown: true,
      why: `alarm ${alarm.name} uses ${op || 'no comparison'}, which is not decided`,
    };
  if (!breaches)
    return {
      ok: false,
      why: `alarm ${alarm.name} needs ${stat} ${op === 'GreaterThanThreshold' ? '>' : '>='} ${threshold}; one matching event gives ${x}`,
    };
  const needed = alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1;
  if (needed > 1)
    return {
      ok: false,
      why: `alarm ${alarm.name} needs ${needed} breaching periods (of ${alarm.evaluationPeriods ?? needed}); one event breaches one`,
    };
  const unit = t.unit ?? 'None';
  if (alarm.unit && alarm.unit !== unit)
    return {
      ok: false,
      why: `alarm ${alarm.name} watches unit ${alarm.unit} but the filter publishes ${unit}: it sees no data`,
    };
  return { ok: true, topics };
}

/** A metric-math alarm that reads the metric: it may deliver, but its expression is not decided. */
export function mathAlarmsOn(alarms: AlarmRecord[], namespace: string, metricName: string): AlarmRecord[] {
  return alarms.filter((a) =>
    (a.metrics ?? []).some(
      (m) => m.metricStat?.namespace === namespace && m.metricStat.metricName === metricName,
    ),
  );
}

/** Composite alarms that name one of these alarms in their rule and notify SNS. */
export function compositesOver(
  composites: CompositeAlarmRecord[],
  alarmNames: string[],
): CompositeAlarmRecord[] {
  return composites.filter(
    (c) =>
      c.actionsEnabled &&
      c.alarmActions.some(isSnsTopicArn) &&
      alarmNames.some((n) => c.alarmRule.includes(`"${n}"`) || c.alarmRule.includes(`(${n})`)),
  );
}
