// The CIS AWS Foundations monitoring controls, per benchmark version, as data
// (../shared/cis-controls.md: the benchmark texts, and Security Hub's CloudWatch.1–14).

export const CONTROL_IDS = [
  'unauthorized-api-calls',
  'console-signin-without-mfa',
  'root-usage',
  'iam-policy-changes',
  'cloudtrail-config-changes',
  'console-auth-failures',
  'cmk-disable-or-deletion',
  's3-bucket-policy-changes',
  'config-changes',
  'security-group-changes',
  'nacl-changes',
  'network-gateway-changes',
  'route-table-changes',
  'vpc-changes',
  'organizations-changes',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export const BENCHMARK_IDS = [
  'cis-1.2',
  'cis-1.4',
  'cis-1.5',
  'cis-2.0',
  'cis-3.0',
  'cis-4.0',
  'cis-5.0',
  'cis-6.0',
  'security-hub',
] as const;
export type BenchmarkId = (typeof BENCHMARK_IDS)[number];
/** The newest CIS version: the default benchmark. */
export const DEFAULT_BENCHMARK: BenchmarkId = 'cis-6.0';

export interface CatalogControl {
  id: ControlId;
  /** The number the benchmark prints: `3.1`, `4.10`, `5.15`, `CloudWatch.2`. */
  number: string;
  title: string;
  /** Reference patterns; a filter group that covers any one of them satisfies the control. */
  references: string[];
  /** Security Hub: the text that must appear exactly (whitespace aside). */
  exactText?: string;
  /** Decisions about the benchmark's own text that the user should see. */
  notes: string[];
}

export interface Benchmark {
  id: BenchmarkId;
  name: string;
  controls: CatalogControl[];
}

const subjects: Record<ControlId, { v1: string; v2: string }> = {
  'unauthorized-api-calls': { v1: 'unauthorized API calls', v2: 'unauthorized API calls are monitored' },
  'console-signin-without-mfa': {
    v1: 'Management Console sign-in without MFA',
    v2: 'management console sign-in without MFA is monitored',
  },
  'root-usage': { v1: "usage of the 'root' account", v2: "usage of the 'root' account is monitored" },
  'iam-policy-changes': { v1: 'IAM policy changes', v2: 'IAM policy changes are monitored' },
  'cloudtrail-config-changes': {
    v1: 'CloudTrail configuration changes',
    v2: 'CloudTrail configuration changes are monitored',
  },
  'console-auth-failures': {
    v1: 'AWS Management Console authentication failures',
    v2: 'AWS Management Console authentication failures are monitored',
  },
  'cmk-disable-or-deletion': {
    v1: 'disabling or scheduled deletion of customer created CMKs',
    v2: 'disabling or scheduled deletion of customer created CMKs is monitored',
  },
  's3-bucket-policy-changes': {
    v1: 'S3 bucket policy changes',
    v2: 'S3 bucket policy changes are monitored',
  },
  'config-changes': {
    v1: 'AWS Config configuration changes',
    v2: 'AWS Config configuration changes are monitored',
  },
  'security-group-changes': { v1: 'security group changes', v2: 'security group changes are monitored' },
  'nacl-changes': {
    v1: 'changes to Network Access Control Lists (NACL)',
    v2: 'Network Access Control Lists (NACL) changes are monitored',
  },
  'network-gateway-changes': {
    v1: 'changes to network gateways',
    v2: 'changes to network gateways are monitored',
  },
  'route-table-changes': { v1: 'route table changes', v2: 'route table changes are monitored' },
  'vpc-changes': { v1: 'VPC changes', v2: 'VPC changes are monitored' },
  'organizations-changes': {
    v1: 'AWS Organizations changes',
    v2: 'AWS Organizations changes are monitored',
  },
};

const orJoin = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(' || ');

const SG6 = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
];

/** Patterns every version prints the same (whitespace aside). */
const COMMON = {
  'root-usage':
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  'iam-policy-changes':
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  'cloudtrail-config-changes':
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  'console-auth-failures': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  'cmk-disable-or-deletion':
    '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  's3-bucket-policy-changes':
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  'config-changes':
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  'nacl-changes':
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  'network-gateway-changes':
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  'vpc-changes':
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  'organizations-changes':
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
} as const;

const UNAUTH_V12 = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
const UNAUTH_V20 =
  '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
const MFA_PLAIN = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
const MFA_SSO =
  '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';
const ROUTE_NAMES = [
  'CreateRoute',
  'CreateRouteTable',
  'ReplaceRoute',
  'ReplaceRouteTableAssociation',
  'DeleteRouteTable',
  'DeleteRoute',
  'DisassociateRouteTable',
];
const ROUTE_PLAIN = `{ ${orJoin(ROUTE_NAMES)} }`;
const ROUTE_V3 = `{($.eventSource = ec2.amazonaws.com) && ${orJoin(ROUTE_NAMES)} }`;

const NOTE_UNAUTH_V13 =
  'This version prints four terms joined only by `||`, which matches almost every CloudTrail event; the v2.0 text that corrected it is used instead.';
const NOTE_MFA_EITHER =
  'This version also allows the narrower SSO form (IAMUser, successful sign-in); a filter that covers either form satisfies the control.';
const NOTE_ROUTE_V3 =
  'The audit text scopes only CreateRoute to ec2.amazonaws.com (`&&` binds tighter than `||`); a filter made from the remediation text, without eventSource, still covers it.';

interface VersionSpec {
  id: BenchmarkId;
  name: string;
  numbering: (index: number) => string;
  titles: 'v1' | 'v2';
  unauthorized: { text: string; notes: string[] };
  mfa: { references: string[]; notes: string[] };
  securityGroups: 6 | 7;
  route: { text: string; notes: string[] };
  organizations: { present: boolean; notes: string[] };
}

const v12Numbers = (i: number) => `3.${i + 1}`;
const v4Numbers = (i: number) => `4.${i + 1}`;
const v5Numbers = (i: number) => `5.${i + 1}`;

const VERSIONS: VersionSpec[] = [
  {
    id: 'cis-1.2',
    name: 'CIS AWS Foundations Benchmark v1.2.0',
    numbering: v12Numbers,
    titles: 'v1',
    unauthorized: { text: UNAUTH_V12, notes: [] },
    mfa: { references: [MFA_PLAIN], notes: [] },
    securityGroups: 6,
    route: { text: ROUTE_PLAIN, notes: [] },
    organizations: { present: false, notes: [] },
  },
  ...(['cis-1.4', 'cis-1.5'] as const).map(
    (id): VersionSpec => ({
      id,
      name: `CIS AWS Foundations Benchmark v${id.slice(4)}.0`,
      numbering: v4Numbers,
      titles: 'v1',
      unauthorized: { text: UNAUTH_V20, notes: [NOTE_UNAUTH_V13] },
      mfa: { references: [MFA_PLAIN, MFA_SSO], notes: [NOTE_MFA_EITHER] },
      securityGroups: 6,
      route: { text: ROUTE_PLAIN, notes: [] },
      organizations: { present: true, notes: [] },
    }),
  ),
  ...(['cis-2.0', 'cis-3.0', 'cis-4.0', 'cis-5.0'] as const).map(
    (id): VersionSpec => ({
      id,
      name: `CIS AWS Foundations Benchmark v${id.slice(4)}.0`,
      numbering: v4Numbers,
      titles: 'v2',
      unauthorized: { text: UNAUTH_V20, notes: [] },
      mfa: { references: [MFA_PLAIN, MFA_SSO], notes: [NOTE_MFA_EITHER] },
      securityGroups: id === 'cis-5.0' ? 7 : 6,
      route: id === 'cis-2.0' ? { text: ROUTE_PLAIN, notes: [] } : { text: ROUTE_V3, notes: [NOTE_ROUTE_V3] },
      organizations: { present: true, notes: [] },
    }),
  ),
  {
    id: 'cis-6.0',
    name: 'CIS AWS Foundations Benchmark v6.0.0',
    numbering: v5Numbers,
    titles: 'v2',
    unauthorized: { text: UNAUTH_V20, notes: [] },
    mfa: {
      references: [MFA_PLAIN, MFA_SSO],
      notes: [
        NOTE_MFA_EITHER,
        'The v6.0 remediation text loses a closing quote after "Yes"; the intended pattern is used.',
      ],
    },
    securityGroups: 7,
    route: {
      text: ROUTE_V3,
      notes: [
        NOTE_ROUTE_V3,
        'v6.0 audit text for this control was not found; the v3.0–v5.0 audit text is assumed unchanged.',
      ],
    },
    organizations: {
      present: true,
      notes: [
        'The v6.0 remediation text prints `($.eventName = AcceptHandshake")` with an unbalanced quote; the intended v1.4–v5.0 pattern is used.',
      ],
    },
  },
];

function buildCisBenchmark(v: VersionSpec): Benchmark {
  const controls: CatalogControl[] = [];
  CONTROL_IDS.forEach((id, index) => {
    if (id === 'organizations-changes' && !v.organizations.present) return;
    const s = subjects[id];
    const title =
      v.titles === 'v1' ? `Ensure a log metric filter and alarm exist for ${s.v1}` : `Ensure ${s.v2}`;
    let references: string[];
    let notes: string[] = [];
    switch (id) {
      case 'unauthorized-api-calls':
        references = [v.unauthorized.text];
        notes = v.unauthorized.notes;
        break;
      case 'console-signin-without-mfa':
        references = v.mfa.references;
        notes = v.mfa.notes;
        break;
      case 'security-group-changes':
        references = [`{ ${orJoin(v.securityGroups === 7 ? [...SG6, 'ModifySecurityGroupRules'] : SG6)} }`];
        break;
      case 'route-table-changes':
        references = [v.route.text];
        notes = v.route.notes;
        break;
      case 'organizations-changes':
        references = [COMMON[id]];
        notes = v.organizations.notes;
        break;
      default:
        references = [COMMON[id]];
    }
    controls.push({ id, number: v.numbering(index), title, references, notes: [...notes] });
  });
  return { id: v.id, name: v.name, controls };
}

/** Security Hub CloudWatch.1–14: the exact texts its checks demand. */
const SECURITY_HUB: Array<{ id: ControlId; number: number; text: string }> = [
  {
    id: 'root-usage',
    number: 1,
    text: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    id: 'unauthorized-api-calls',
    number: 2,
    text: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  { id: 'console-signin-without-mfa', number: 3, text: MFA_SSO },
  {
    id: 'iam-policy-changes',
    number: 4,
    text: '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  },
  {
    id: 'cloudtrail-config-changes',
    number: 5,
    text: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  },
  {
    id: 'console-auth-failures',
    number: 6,
    text: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    id: 'cmk-disable-or-deletion',
    number: 7,
    text: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  },
  {
    id: 's3-bucket-policy-changes',
    number: 8,
    text: '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  },
  {
    id: 'config-changes',
    number: 9,
    text: '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  },
  {
    id: 'security-group-changes',
    number: 10,
    text: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  },
  {
    id: 'nacl-changes',
    number: 11,
    text: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  },
  {
    id: 'network-gateway-changes',
    number: 12,
    text: '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  },
  {
    id: 'route-table-changes',
    number: 13,
    text: '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  },
  {
    id: 'vpc-changes',
    number: 14,
    text: '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  },
];

function buildSecurityHub(): Benchmark {
  const controls = SECURITY_HUB.map(
    ({ id, number, text }): CatalogControl => ({
      id,
      number: `CloudWatch.${number}`,
      title: `A log metric filter and alarm should exist for ${subjects[id].v1}`,
      references: [text],
      exactText: text,
      notes: [
        'Security Hub demands this exact text (whitespace aside): "Additional fields or terms cannot be added".',
      ],
    }),
  );
  controls.sort((a, b) => CONTROL_IDS.indexOf(a.id) - CONTROL_IDS.indexOf(b.id));
  return { id: 'security-hub', name: 'AWS Security Hub CloudWatch.1–14', controls };
}

const BENCHMARKS: ReadonlyMap<BenchmarkId, Benchmark> = new Map<BenchmarkId, Benchmark>([
  ...VERSIONS.map((v) => [v.id, buildCisBenchmark(v)] as const),
  ['security-hub', buildSecurityHub()],
]);

/** The benchmark with this id; the caller has validated the id. */
export function getBenchmark(id: BenchmarkId): Benchmark {
  return BENCHMARKS.get(id)!;
}

/** True when `id` names a benchmark in the catalog. */
export function isBenchmarkId(id: string): id is BenchmarkId {
  return (BENCHMARK_IDS as readonly string[]).includes(id);
}

/** Security Hub's exact text for a control, for the note under the CIS benchmarks. */
export function securityHubText(id: ControlId): string | undefined {
  return SECURITY_HUB.find((c) => c.id === id)?.text;
}

/** Compares pattern texts the way Security Hub's exact check does: whitespace is insignificant. */
export function sameTextIgnoringWhitespace(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
