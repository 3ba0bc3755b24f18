// One client per service and region, every one counting its requests: the only place clients are made.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type { ApiCallCounter } from './api-calls.js';

/** Static credentials, as AssumeRoleWithWebIdentity returns them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface ClientOptions {
  counter: ApiCallCounter;
  /** Attempts per request, the first included (the SDK's standard retry mode backs off between them). */
  maxAttempts: number;
  credentials?: Credentials;
}

/** Milliseconds to open a connection, and to wait for an answer, before the attempt fails (and is retried). */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

type AnyClient = CloudTrailClient | CloudWatchClient | CloudWatchLogsClient | SNSClient | STSClient;

export class ClientFactory {
  private readonly clients = new Map<string, AnyClient>();
  constructor(private readonly options: ClientOptions) {}

  cloudtrail(region: string): CloudTrailClient {
    return this.get('cloudtrail', region, () => new CloudTrailClient(this.config(region)));
  }
  logs(region: string): CloudWatchLogsClient {
    return this.get('logs', region, () => new CloudWatchLogsClient(this.config(region)));
  }
  cloudwatch(region: string): CloudWatchClient {
    return this.get('cloudwatch', region, () => new CloudWatchClient(this.config(region)));
  }
  sns(region: string): SNSClient {
    return this.get('sns', region, () => new SNSClient(this.config(region)));
  }
  sts(region: string): STSClient {
    return this.get('sts', region, () => new STSClient(this.config(region)));
  }

  private config(region: string) {
    return {
      region,
      maxAttempts: this.options.maxAttempts,
      retryMode: 'standard',
      // Without these the SDK waits forever on an endpoint that accepts and never answers.
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
      ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
    };
  }

  private get<T extends AnyClient>(service: string, region: string, make: () => T): T {
    const key = `${service}/${region}`;
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      client = make();
      const counter = this.options.counter;
      // Below the retry middleware (finalizeRequest, high priority): runs once per attempt.
      (client.middlewareStack as { add: (...a: unknown[]) => void }).add(
        (
          next: (a: unknown) => Promise<unknown>,
          context: { commandName?: string; cisGateAttempts?: number },
        ) =>
          async (args: unknown) => {
            context.cisGateAttempts = (context.cisGateAttempts ?? 0) + 1;
            counter.record(
              (context.commandName ?? 'Unknown').replace(/Command$/, ''),
              context.cisGateAttempts,
            );
            return next(args);
          },
        { step: 'finalizeRequest', priority: 'low', name: 'cisGateCountRequests' },
      );
      this.clients.set(key, client);
    }
    return client;
  }
}
