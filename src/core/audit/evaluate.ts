// Evaluate: Snapshot + Catalog + options → one Finding per control, the chain link by link. Pure.
import type { Benchmark, CatalogControl } from '../catalog/catalog.js';
import type { Reading } from '../pattern/cover.js';
import { compositesOver, judgeAlarm, mathAlarmsOn, sameDimensionNames } from './alarm-checks.js';
import { judgeFilterPatterns } from './filter-verdict.js';
import type { ChainLink, Finding, LinkName, Status } from './finding.js';
import { LINK_ORDER } from './finding.js';
import { buildRemediation } from './remediation.js';
import type {
  LogGroupRecord,
  MetricTransformationRecord,
  ReadError,
  Snapshot,
  TrailRecord,
} from './snapshot.js';
import { logGroupNameFromArn, metricKey, parseArn } from './snapshot.js';
import { controlEventSources, managementEventGap, managementEventNote } from './trail-checks.js';

export interface EvaluateOptions {
  reading: Reading;
}

/** The filters of one log group that publish one metric: together they are one detector. */
export interface MetricGroup {
  namespace: string;
  metricName: string;
  transformation: MetricTransformationRecord;
  filterNames: string[];
  patterns: string[];
  /** Filters on this metric left out because their value cannot count one event. */
  ignored: string[];
}

/** Groups a log group's filters by the metric (namespace, name, dimension names) they publish. */
export function groupFiltersByMetric(logGroup: LogGroupRecord): MetricGroup[] {
  const groups = new Map<string, MetricGroup>();
  for (const f of logGroup.filters ?? [])
    for (const t of f.metricTransformations) {
      const key = `${t.metricNamespace}\u0000${t.metricName}\u0000${Object.keys(t.dimensions ?? {})
        .sort()
        .join(',')}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          namespace: t.metricNamespace,
          metricName: t.metricName,
          transformation: t,
          filterNames: [],
          patterns: [],
          ignored: [],
        };
        groups.set(key, g);
      }
      const value = Number(t.metricValue);
      if (!Number.isFinite(value) || value <= 0 || !/^\s*[-+]?[\d.]/.test(t.metricValue)) {
        g.ignored.push(
          `filter ${f.filterName} publishes metricValue "${t.metricValue}", not a positive constant`,
        );
        continue;
      }
      if (g.patterns.length === 0) g.transformation = t;
      g.filterNames.push(f.filterName);
      g.patterns.push(f.filterPattern);
    }
  return [...groups.values()];
}

interface Chain {
  links: ChainLink[];
  notes: string[];
  /** How much the chain's filters look meant for this control: picks the FAIL chain worth showing. */
  relevance?: number;
}

const RANK: Record<Status, number> = { PASS: 3, WAIVED: 3, UNKNOWN: 2, FAIL: 1 };

function chainStatus(links: ChainLink[]): Status {
  if (links.some((l) => l.status === 'fail')) return 'FAIL';
  if (links.some((l) => l.status === 'unknown') || links.length < LINK_ORDER.length) return 'UNKNOWN';
  return 'PASS';
}

function depth(links: ChainLink[]): number {
  const i = links.findIndex((l) => l.status !== 'ok');
  return i < 0 ? links.length : i;
}

/** Words for a failed read: the service, operation, region and what to grant or check. */
export function describeReadError(e: ReadError): string {
  const where = `${e.service} ${e.operation} in ${e.region}`;
  switch (e.kind) {
    case 'access-denied':
      return `access denied to ${where}${e.iamAction ? `: grant ${e.iamAction}` : ''}`;
    case 'throttled':
      return `${where} was throttled until retries ran out (${e.code})`;
    case 'unreachable':
      return `${where} is out of reach: ${e.message}`;
    case 'not-found':
      return `${where}: it does not exist (${e.code})`;
    default:
      return `${where} failed: ${e.code}: ${e.message}`;
  }
}

/** Evaluates every selected control of a benchmark against a snapshot. */
export function evaluateSnapshot(
  snapshot: Snapshot,
  benchmark: Benchmark,
  controlIds: readonly string[] | undefined,
  options: EvaluateOptions,
): Finding[] {
  const controls = controlIds
    ? benchmark.controls.filter((c) => controlIds.includes(c.id))
    : benchmark.controls;
  const findings = controls.map((c) => evaluateControl(c, snapshot, options));
  const topic = findings
    .flatMap((f) => f.chain.filter((l) => l.link === 'topic' && l.status === 'ok'))
    .map((l) => l.resource)[0];
  for (const f of findings)
    if (f.status !== 'PASS')
      f.remediation = buildRemediation(f, controls.find((c) => c.id === f.id)!, snapshot, topic);
  return findings;
}

/** Walks every trail's chain for one control and keeps the best: PASS over UNKNOWN over FAIL. */
export function evaluateControl(
  control: CatalogControl,
  snapshot: Snapshot,
  options: EvaluateOptions,
): Finding {
  const chains: Chain[] = [];
  if (snapshot.trailsError)
    chains.push({
      links: [{ link: 'trail', status: 'unknown', detail: describeReadError(snapshot.trailsError) }],
      notes: [],
    });
  else if (snapshot.trails.length === 0)
    chains.push({
      links: [{ link: 'trail', status: 'fail', detail: 'no CloudTrail trail in this account' }],
      notes: [],
    });
  const seen = new Set<string>();
  for (const trail of snapshot.trails) {
    if (seen.has(trail.arn)) continue;
    seen.add(trail.arn);
    chains.push(...trailChains(control, trail, snapshot, options));
  }
  let best = chains[0]!;
  for (const c of chains.slice(1)) {
    const [a, b] = [chainStatus(c.links), chainStatus(best.links)];
    const deeper = depth(c.links) - depth(best.links);
    if (
      RANK[a] > RANK[b] ||
      (a === b &&
        a !== 'PASS' &&
        (deeper > 0 || (deeper === 0 && (c.relevance ?? 0) > (best.relevance ?? 0))))
    )
      best = c;
  }
  const status = chainStatus(best.links);
  const broken = best.links.find((l) => l.status !== 'ok');
  const reason =
    status === 'PASS'
      ? best.links
          .filter((l) => l.link !== 'trail' && l.link !== 'log-group')
          .map((l) => l.detail)
          .join(' → ')
      : broken
        ? `${broken.link}: ${broken.detail}`
        : 'the chain could not be followed to a subscriber';
  return {
    id: control.id,
    number: control.number,
    title: control.title,
    status,
    reason,
    chain: best.links,
    notes: [...new Set(best.notes)],
  };
}

function trailChains(
  control: CatalogControl,
  trail: TrailRecord,
  snapshot: Snapshot,
  options: EvaluateOptions,
): Chain[] {
  const trailLink = (status: ChainLink['status'], detail: string): ChainLink => ({
    link: 'trail',
    status,
    resource: trail.arn,
    detail: `trail ${trail.name}${detail ? ` ${detail}` : ''}`,
  });
  const fail = (detail: string) => [{ links: [trailLink('fail', detail)], notes: [] }];
  if (!trail.isMultiRegion)
    return fail(`is single-region (home ${trail.homeRegion}); CIS needs a multi-region trail`);
  if (!trail.logGroupArn) return fail('sends no events to CloudWatch Logs (no log group)');
  if (trail.statusError)
    return [
      { links: [trailLink('unknown', `status unknown: ${describeReadError(trail.statusError)}`)], notes: [] },
    ];
  if (trail.status && !trail.status.isLogging) return fail('is not logging');
  if (trail.status?.latestCloudWatchLogsDeliveryError)
    return fail(`cannot deliver to CloudWatch Logs: ${trail.status.latestCloudWatchLogsDeliveryError}`);
  if (trail.selectorsError)
    return [
      {
        links: [trailLink('unknown', `event selectors unknown: ${describeReadError(trail.selectorsError)}`)],
        notes: [],
      },
    ];
  if (!trail.status) return [{ links: [trailLink('unknown', 'status was not read')], notes: [] }];
  const sources = controlEventSources(control);
  const gap = managementEventGap(trail, sources);
  if (gap) return fail(gap);
  const trailNote = managementEventNote(trail, sources);
  const links: ChainLink[] = [trailLink('ok', 'is multi-region, logging, with management events')];

  const lg = snapshot.logGroups[trail.logGroupArn];
  const lgName = logGroupNameFromArn(trail.logGroupArn) ?? trail.logGroupArn;
  const lgRegion = parseArn(trail.logGroupArn)?.region ?? trail.homeRegion;
  const lgLink = (status: ChainLink['status'], detail: string): ChainLink => ({
    link: 'log-group',
    status,
    resource: trail.logGroupArn,
    detail: `log group ${lgName} (${lgRegion})${detail ? ` ${detail}` : ''}`,
  });
  if (!lg) return [{ links: [...links, lgLink('unknown', 'was not read')], notes: [] }];
  if (lg.error?.kind === 'not-found')
    return [{ links: [...links, lgLink('fail', 'does not exist: the trail delivers nowhere')], notes: [] }];
  if (lg.error)
    return [
      {
        links: [...links, lgLink('unknown', `could not be read: ${describeReadError(lg.error)}`)],
        notes: [],
      },
    ];
  links.push(lgLink('ok', ''));

  const groups = groupFiltersByMetric(lg);
  if (groups.length === 0)
    return [
      {
        links: [...links, { link: 'filter', status: 'fail', detail: 'the log group has no metric filters' }],
        notes: [],
      },
    ];
  const chains: Chain[] = [];
  for (const g of groups) {
    const relevance = relevanceOf(control, g);
    if (g.patterns.length === 0) {
      chains.push({
        links: [...links, { link: 'filter', status: 'fail', detail: g.ignored.join('; ') }],
        notes: [],
        relevance,
      });
      continue;
    }
    const verdict = judgeFilterPatterns(control, g.patterns, options.reading);
    const filterRes = `${g.filterNames.join(' + ')} → ${g.namespace}/${g.metricName}`;
    const notes = [...verdict.notes, ...g.ignored, ...(trailNote ? [trailNote] : [])];
    if (verdict.outcome === 'misses') {
      chains.push({
        links: [
          ...links,
          {
            link: 'filter',
            status: 'fail',
            resource: filterRes,
            detail: `filter ${filterRes} ${verdict.reason}`,
          },
        ],
        notes,
        relevance,
      });
      continue;
    }
    const filterLink: ChainLink = {
      link: 'filter',
      status: verdict.outcome === 'covers' ? 'ok' : 'unknown',
      resource: filterRes,
      detail: verdict.outcome === 'covers' ? `filter ${filterRes}` : `filter ${filterRes}: ${verdict.reason}`,
    };
    chains.push(...alarmChains([...links, filterLink], notes, g, lgRegion, snapshot));
  }
  // When every filter misses and none even mentions the control's events, naming one of them would
  // mislead: say that no filter is there for this control.
  const onlyMisses = chains.every(
    (c) => c.links[c.links.length - 1]!.link === 'filter' && c.links[c.links.length - 1]!.status === 'fail',
  );
  if (onlyMisses && chains.every((c) => (c.relevance ?? 0) === 0))
    return [
      {
        links: [
          ...links,
          {
            link: 'filter',
            status: 'fail',
            detail: `none of the ${groups.length} metric filter group${groups.length > 1 ? 's' : ''} on the log group matches this control's events`,
          },
        ],
        notes: trailNote ? [trailNote] : [],
        relevance: 0,
      },
    ];
  return chains;
}

function alarmChains(
  links: ChainLink[],
  notes: string[],
  g: MetricGroup,
  region: string,
  snapshot: Snapshot,
): Chain[] {
  const metric = `${g.namespace}/${g.metricName}`;
  const unknown = (detail: string): Chain[] => [
    { links: [...links, { link: 'alarm', status: 'unknown', detail }], notes },
  ];
  const ra = snapshot.alarms[region];
  if (!ra) return unknown(`alarms in ${region} were not read`);
  if (ra.error) return unknown(`alarms could not be read: ${describeReadError(ra.error)}`);
  if (!ra.complete && !ra.metricsLookedUp.includes(metricKey(g.namespace, g.metricName)))
    return unknown(`alarms on ${metric} in ${region} were not read`);
  const onMetric = ra.metricAlarms.filter(
    (a) => a.namespace === g.namespace && a.metricName === g.metricName,
  );
  const matching = onMetric.filter((a) => sameDimensionNames(a, g.transformation));
  const chains: Chain[] = [];
  for (const alarm of matching) {
    const j = judgeAlarm(alarm, g.transformation);
    const alarmLink = (status: ChainLink['status'], detail: string): ChainLink => ({
      link: 'alarm',
      status,
      resource: alarm.arn,
      detail,
    });
    if (!j.ok) {
      chains.push({ links: [...links, alarmLink(j.unknown ? 'unknown' : 'fail', j.why)], notes });
      continue;
    }
    const okAlarm = alarmLink(
      'ok',
      `alarm ${alarm.name} (${alarm.statistic ?? alarm.extendedStatistic} ${alarm.comparisonOperator === 'GreaterThanThreshold' ? '>' : '>='} ${alarm.threshold})`,
    );
    for (const topicArn of j.topics) chains.push(topicChain([...links, okAlarm], notes, topicArn, snapshot));
  }
  if (ra.complete) {
    for (const m of mathAlarmsOn(ra.metricAlarms, g.namespace, g.metricName))
      chains.push({
        links: [
          ...links,
          {
            link: 'alarm',
            status: 'unknown',
            resource: m.arn,
            detail: `metric-math alarm ${m.name} reads ${metric}; its expression is not decided`,
          },
        ],
        notes,
      });
    for (const c of compositesOver(
      ra.compositeAlarms,
      onMetric.map((a) => a.name),
    ))
      chains.push({
        links: [
          ...links,
          {
            link: 'alarm',
            status: 'unknown',
            resource: c.arn,
            detail: `composite alarm ${c.name} may notify for ${metric}; its rule is not decided`,
          },
        ],
        notes,
      });
  }
  if (chains.length === 0) {
    const elsewhere = ra.metricAlarms.filter(
      (a) => a.metricName === g.metricName && a.namespace !== g.namespace,
    );
    const dims = onMetric.filter((a) => !matching.includes(a));
    let detail = `no alarm on ${metric} in ${region}`;
    if (elsewhere.length > 0)
      detail += `; alarm ${elsewhere[0]!.name} watches namespace ${elsewhere[0]!.namespace}, not ${g.namespace}`;
    else if (dims.length > 0)
      detail += `; alarm ${dims[0]!.name} uses dimensions the filter does not publish`;
    chains.push({ links: [...links, { link: 'alarm', status: 'fail', detail }], notes });
  }
  return chains;
}

function topicChain(links: ChainLink[], notes: string[], topicArn: string, snapshot: Snapshot): Chain {
  const topic = snapshot.topics[topicArn];
  const name = parseArn(topicArn)?.resource ?? topicArn;
  const link = (l: LinkName, status: ChainLink['status'], detail: string): ChainLink => ({
    link: l,
    status,
    resource: topicArn,
    detail,
  });
  if (!topic) return { links: [...links, link('topic', 'unknown', `topic ${name} was not read`)], notes };
  if (topic.error?.kind === 'not-found')
    return {
      links: [...links, link('topic', 'fail', `topic ${name} (${topic.region}) does not exist`)],
      notes,
    };
  if (topic.error)
    return {
      links: [
        ...links,
        link('topic', 'unknown', `topic ${name} (${topic.region}): ${describeReadError(topic.error)}`),
      ],
      notes,
    };
  const subs = topic.subscriptions ?? [];
  const confirmed = subs.filter((s) => s.subscriptionArn.startsWith('arn:'));
  const topicOk = link('topic', 'ok', `topic ${name} (${topic.region})`);
  const pending = subs.length - confirmed.length;
  const subscription =
    confirmed.length === 0
      ? link(
          'subscription',
          'fail',
          `topic ${name} has no confirmed subscriber${pending > 0 ? ` (${pending} pending confirmation)` : ''}`,
        )
      : link(
          'subscription',
          'ok',
          `${confirmed.length} confirmed subscriber${confirmed.length > 1 ? 's' : ''}`,
        );
  return { links: [...links, topicOk, subscription], notes };
}

// Reference literals (event names, sources, codes) found in the group's patterns, plus the
// control's id in the filter or metric name.
function relevanceOf(control: CatalogControl, g: MetricGroup): number {
  const text = g.patterns.join(' ');
  const literals = new Set(
    control.references.flatMap((r) =>
      [...r.matchAll(/=\s*"?([\w.*:-]{3,})"?/g)].map((m) => m[1]!.replace(/\*/g, '')),
    ),
  );
  let score = [...literals].filter((l) => text.includes(l)).length;
  const names = `${g.filterNames.join(' ')} ${g.metricName}`.toLowerCase();
  if (names.includes(control.id) || control.id.split('-').every((w) => names.includes(w))) score += 100;
  return score;
}
