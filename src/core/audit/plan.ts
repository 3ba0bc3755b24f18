// What the collector still has to read, decided from what it has read so far. Pure: the collector asks.
import type { CatalogControl } from '../catalog/catalog.js';
import type { Reading } from '../pattern/cover.js';
import { judgeAlarm, sameDimensionNames } from './alarm-checks.js';
import { groupFiltersByMetric, type MetricGroup } from './evaluate.js';
import { judgeFilterPatterns } from './filter-verdict.js';
import type { RegionAlarms, Snapshot } from './snapshot.js';
import { parseArn } from './snapshot.js';

export interface MetricOfInterest {
  region: string;
  group: MetricGroup;
}

/** The metrics whose filters cover (or might cover) a selected control: only their alarms matter. */
export function metricsWorthAlarms(
  snapshot: Snapshot,
  controls: CatalogControl[],
  reading: Reading,
): MetricOfInterest[] {
  const out: MetricOfInterest[] = [];
  const seen = new Set<string>();
  for (const trail of snapshot.trails) {
    if (!trail.logGroupArn || !trail.isMultiRegion) continue;
    const lg = snapshot.logGroups[trail.logGroupArn];
    if (!lg?.filters) continue;
    const region = parseArn(trail.logGroupArn)?.region ?? trail.homeRegion;
    for (const group of groupFiltersByMetric(lg)) {
      if (group.patterns.length === 0) continue;
      const key = `${region}/${group.namespace}/${group.metricName}`;
      if (seen.has(key)) continue;
      if (controls.some((c) => judgeFilterPatterns(c, group.patterns, reading).outcome !== 'misses')) {
        seen.add(key);
        out.push({ region, group });
      }
    }
  }
  return out;
}

/** True when no alarm read so far on the metric can fire and notify: a wider search must follow. */
export function lacksFiringAlarm(alarms: RegionAlarms, m: MetricOfInterest): boolean {
  return !alarms.metricAlarms.some(
    (a) =>
      a.namespace === m.group.namespace &&
      a.metricName === m.group.metricName &&
      sameDimensionNames(a, m.group.transformation) &&
      judgeAlarm(a, m.group.transformation).ok,
  );
}

/** True when no alarm read so far on the metric can fire and reaches a topic with a confirmed subscriber. */
export function lacksDeliveringAlarm(
  alarms: RegionAlarms,
  m: MetricOfInterest,
  topics: Snapshot['topics'],
): boolean {
  return !alarms.metricAlarms.some((a) => {
    if (a.namespace !== m.group.namespace || a.metricName !== m.group.metricName) return false;
    if (!sameDimensionNames(a, m.group.transformation)) return false;
    const j = judgeAlarm(a, m.group.transformation);
    return (
      j.ok &&
      j.topics.some((t) => (topics[t]?.subscriptions ?? []).some((s) => s.subscriptionArn.startsWith('arn:')))
    );
  });
}
