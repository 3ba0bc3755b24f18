import type { ReadError } from '../core/audit/snapshot.js';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedAccess',
  'UnauthorizedException',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttled',
]);

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NotFound',
  'NotFoundException',
  'TrailNotFoundException',
]);

/** The IAM action prefix of each service the audit reads. */
export const IAM_PREFIX: Record<string, string> = {
  CloudTrail: 'cloudtrail',
  'CloudWatch Logs': 'logs',
  CloudWatch: 'cloudwatch',
  SNS: 'sns',
  STS: 'sts',
};

/** A failed AWS call, with the service, operation and region it was for. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(readonly readError: ReadError) {
    super(
      `${readError.service} ${readError.operation} in ${readError.region}: ${readError.code}: ${readError.message}`,
    );
  }
}

/** Classifies an SDK error into a ReadError. */
export function toReadError(service: string, operation: string, region: string, error: unknown): ReadError {
  const e = error as {
    name?: string;
    Code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.Code ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = (e.message ?? String(error)).slice(0, 500);
  let kind: ReadError['kind'] = 'error';
  if (ACCESS_DENIED.has(code) || status === 403) kind = 'access-denied';
  else if (THROTTLED.has(code) || status === 429 || /rate exceeded/i.test(message)) kind = 'throttled';
  else if (NOT_FOUND.has(code)) kind = 'not-found';
  const r: ReadError = { service, operation, region, kind, code, message };
  if (kind === 'access-denied') r.iamAction = `${IAM_PREFIX[service] ?? service.toLowerCase()}:${operation}`;
  return r;
}

/** Runs one AWS call and turns any failure into an AwsCallError that names service, operation and region. */
export async function callAws<T>(
  service: string,
  operation: string,
  region: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AwsCallError(toReadError(service, operation, region, error));
  }
}
