import type { CatalogControl } from '../catalog/catalog.js';
import type { Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';
import { logGroupNameFromArn, parseArn } from './snapshot.js';

/** The namespace the CIS remediation suggests for its metrics. */
const CIS_NAMESPACE = 'CISBenchmark';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** CLI commands that close the first broken link, using the account's real trail log group and topic. */
export function buildRemediation(
  finding: Finding,
  control: CatalogControl,
  snapshot: Snapshot,
  knownTopic: string | undefined,
): Finding['remediation'] {
  const broken = finding.chain.find((l) => l.status !== 'ok');
  const trail = snapshot.trails.find((t) => t.isMultiRegion && t.logGroupArn) ?? snapshot.trails[0];
  const lgArn = finding.chain.find((l) => l.link === 'log-group')?.resource ?? trail?.logGroupArn;
  const lgName = (lgArn && logGroupNameFromArn(lgArn)) ?? '<trail-log-group>';
  const region = (lgArn && parseArn(lgArn)?.region) || snapshot.region;
  // A filter that exists but misses is fixed in place: same filter name, namespace and metric.
  const filterLink = finding.chain.find((l) => l.link === 'filter' && l.resource);
  const [names, metricPath] = filterLink?.resource?.split(' → ') ?? [];
  const filterName = names?.split(' + ')[0] ?? control.id;
  const slash = metricPath?.indexOf('/') ?? -1;
  const namespace = metricPath && slash > 0 ? metricPath.slice(0, slash) : CIS_NAMESPACE;
  const metricName = metricPath && slash > 0 ? metricPath.slice(slash + 1) : control.id;
  const topic =
    finding.chain.find((l) => l.link === 'topic')?.resource ??
    knownTopic ??
    `arn:aws:sns:${region}:${snapshot.identity?.account ?? '<account>'}:cis-alarms`;
  const createTopic = !knownTopic && !finding.chain.some((l) => l.link === 'topic');
  const filter = `aws logs put-metric-filter --region ${region} --log-group-name ${shellQuote(lgName)} --filter-name ${shellQuote(filterName)} --metric-transformations ${shellQuote(`metricName=${metricName},metricNamespace=${namespace},metricValue=1`)} --filter-pattern ${shellQuote(control.exactText ?? control.references[0]!)}`;
  const alarm = `aws cloudwatch put-metric-alarm --region ${region} --alarm-name ${shellQuote(control.id)} --metric-name ${shellQuote(metricName)} --namespace ${shellQuote(namespace)} --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions ${topic}`;
  const subscribe = `aws sns subscribe --region ${parseArn(topic)?.region ?? region} --topic-arn ${topic} --protocol email --notification-endpoint security-team@example.com  # then confirm the e-mail`;
  const topicCmd = createTopic ? [`aws sns create-topic --region ${region} --name cis-alarms`] : [];
  switch (broken?.link) {
    case 'trail':
      return {
        summary:
          'Use a multi-region trail that is logging, records all management events and delivers to CloudWatch Logs.',
        commands: [
          ...(trail
            ? [
                `aws cloudtrail update-trail --region ${trail.homeRegion} --name ${trail.name} --is-multi-region-trail --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>`,
                `aws cloudtrail put-event-selectors --region ${trail.homeRegion} --trail-name ${trail.name} --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'`,
                `aws cloudtrail start-logging --region ${trail.homeRegion} --name ${trail.name}`,
              ]
            : [
                'aws cloudtrail create-trail --name cis-trail --s3-bucket-name <bucket> --is-multi-region-trail --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
              ]),
        ],
      };
    case 'log-group':
    case 'filter':
      return {
        summary:
          'Create the metric filter with the reference pattern, and an alarm on its metric that notifies a subscribed topic.',
        commands: [filter, ...topicCmd, alarm],
      };
    case 'alarm': {
      const existing = broken?.resource && parseArn(broken.resource)?.resource.replace(/^alarm:/, '');
      if (existing && broken?.detail.includes('ActionsEnabled is false'))
        return {
          summary: "Turn the alarm's actions back on.",
          commands: [
            `aws cloudwatch enable-alarm-actions --region ${region} --alarm-names ${shellQuote(existing)}`,
          ],
        };
      return {
        summary: "Create an alarm on the filter's metric that fires on one event and notifies an SNS topic.",
        commands: [...topicCmd, alarm],
      };
    }
    case 'topic':
    case 'subscription':
      return {
        summary: "Subscribe an endpoint to the alarm's topic and confirm the subscription.",
        commands: [subscribe],
      };
    default:
      return { summary: 'Check the read errors above, then run the audit again.', commands: [] };
  }
}
