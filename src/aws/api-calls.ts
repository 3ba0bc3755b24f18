/** Requests sent to AWS, retries apart, per operation: the report's `apiCalls`. */
export interface ApiCallCounts {
  total: number;
  retries: number;
  byOperation: Record<string, number>;
}

/** Counts every request the SDK sends, including each retry attempt. */
export class ApiCallCounter {
  private readonly counts: ApiCallCounts = { total: 0, retries: 0, byOperation: {} };

  /** Records one attempt of an operation; `attempt` counts from 1. */
  record(operation: string, attempt: number): void {
    this.counts.total++;
    if (attempt > 1) this.counts.retries++;
    this.counts.byOperation[operation] = (this.counts.byOperation[operation] ?? 0) + 1;
  }

  /** A copy of the counts so far, operations sorted by name. */
  snapshot(): ApiCallCounts {
    const byOperation: Record<string, number> = {};
    for (const k of Object.keys(this.counts.byOperation).sort()) byOperation[k] = this.counts.byOperation[k]!;
    return { total: this.counts.total, retries: this.counts.retries, byOperation };
  }
}
