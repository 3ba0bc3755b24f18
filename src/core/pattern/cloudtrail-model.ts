// What CloudTrail can emit, as data: the "cloudtrail" coverage reading only considers events that fit
// this model. Kept deliberately small: event names outside it, and fields outside it, stay unconstrained.
//
// Sources: the CloudTrail User Guide "CloudTrail record contents" (eventType, userIdentity.type) and
// "AWS Management Console sign-in events" (additionalEventData.MFAUsed: "Yes"/"No";
// responseElements.ConsoleLogin: "Success"/"Failure"); each service's "Logging … API calls with
// AWS CloudTrail" page for the event source that records an API (IAM, Organizations, EC2, KMS, S3,
// Config, CloudTrail, Auto Scaling).
//
// Same-named APIs of services outside a control's subject are left out on purpose: API Gateway v2's
// CreateRoute/DeleteRoute are not route-table changes and IoT's CreatePolicy is not an IAM or
// Organizations policy, so a filter scoped to the control's service is not failed for them.

const IAM = 'iam.amazonaws.com';
const ORGS = 'organizations.amazonaws.com';
const EC2 = 'ec2.amazonaws.com';

const bySource: Record<string, string[]> = {
  [IAM]: [
    'DeleteGroupPolicy',
    'DeleteRolePolicy',
    'DeleteUserPolicy',
    'PutGroupPolicy',
    'PutRolePolicy',
    'PutUserPolicy',
    'CreatePolicy',
    'DeletePolicy',
    'CreatePolicyVersion',
    'DeletePolicyVersion',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'AttachGroupPolicy',
    'DetachGroupPolicy',
  ],
  [ORGS]: [
    'AcceptHandshake',
    'AttachPolicy',
    'CreateAccount',
    'CreateOrganizationalUnit',
    'CreatePolicy',
    'DeclineHandshake',
    'DeleteOrganization',
    'DeleteOrganizationalUnit',
    'DeletePolicy',
    'DetachPolicy',
    'DisablePolicyType',
    'EnablePolicyType',
    'InviteAccountToOrganization',
    'LeaveOrganization',
    'MoveAccount',
    'RemoveAccountFromOrganization',
    'UpdatePolicy',
    'UpdateOrganizationalUnit',
  ],
  'autoscaling.amazonaws.com': ['DeletePolicy'],
  'cloudtrail.amazonaws.com': ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'],
  'signin.amazonaws.com': ['ConsoleLogin'],
  'kms.amazonaws.com': ['DisableKey', 'ScheduleKeyDeletion'],
  's3.amazonaws.com': [
    'PutBucketAcl',
    'PutBucketPolicy',
    'PutBucketCors',
    'PutBucketLifecycle',
    'PutBucketReplication',
    'DeleteBucketPolicy',
    'DeleteBucketCors',
    'DeleteBucketLifecycle',
    'DeleteBucketReplication',
  ],
  'config.amazonaws.com': [
    'StopConfigurationRecorder',
    'DeleteDeliveryChannel',
    'PutDeliveryChannel',
    'PutConfigurationRecorder',
  ],
  [EC2]: [
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'CreateSecurityGroup',
    'DeleteSecurityGroup',
    'ModifySecurityGroupRules',
    'CreateNetworkAcl',
    'CreateNetworkAclEntry',
    'DeleteNetworkAcl',
    'DeleteNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    'ReplaceNetworkAclAssociation',
    'CreateCustomerGateway',
    'DeleteCustomerGateway',
    'AttachInternetGateway',
    'CreateInternetGateway',
    'DeleteInternetGateway',
    'DetachInternetGateway',
    'CreateRoute',
    'CreateRouteTable',
    'ReplaceRoute',
    'ReplaceRouteTableAssociation',
    'DeleteRouteTable',
    'DeleteRoute',
    'DisassociateRouteTable',
    'CreateVpc',
    'DeleteVpc',
    'ModifyVpcAttribute',
    'AcceptVpcPeeringConnection',
    'CreateVpcPeeringConnection',
    'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection',
    'AttachClassicLinkVpc',
    'DetachClassicLinkVpc',
    'DisableVpcClassicLink',
    'EnableVpcClassicLink',
  ],
};

/** For each modelled event name, the event sources that record it. */
export const EVENT_SOURCES_BY_NAME: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [source, names] of Object.entries(bySource))
    for (const name of names) map.set(name, [...(map.get(name) ?? []), source]);
  return map;
})();

/** Every event source the model names. */
export const MODELLED_EVENT_SOURCES: readonly string[] = Object.keys(bySource);

/** Fields whose values CloudTrail draws from a closed set; `optional` fields may also be absent. */
export const CLOSED_FIELDS: ReadonlyMap<string, { values: readonly string[]; optional: boolean }> = new Map([
  [
    '$.eventType',
    {
      values: [
        'AwsApiCall',
        'AwsServiceEvent',
        'AwsConsoleAction',
        'AwsConsoleSignIn',
        'AwsVpceEvent',
        'AwsCloudTrailInsight',
      ],
      optional: false,
    },
  ],
  [
    '$.userIdentity.type',
    {
      values: [
        'Root',
        'IAMUser',
        'AssumedRole',
        'Role',
        'FederatedUser',
        'Directory',
        'AWSAccount',
        'AWSService',
        'IdentityCenterUser',
        'Unknown',
      ],
      optional: false,
    },
  ],
  ['$.additionalEventData.MFAUsed', { values: ['Yes', 'No'], optional: true }],
  ['$.responseElements.ConsoleLogin', { values: ['Success', 'Failure'], optional: true }],
]);

/** Fields every CloudTrail record carries as a string. */
export const REQUIRED_STRING_FIELDS: readonly string[] = ['$.eventName', '$.eventSource'];
