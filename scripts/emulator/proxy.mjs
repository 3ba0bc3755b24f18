// A loopback proxy in front of the emulator. It re-pages the lists moto answers whole
// (DescribeAlarms, DescribeMetricFilters), records every request, and can inject faults: throttling,
// 5xx, access denied for chosen operations, and latency. Used by the end-to-end tests and benchmarks.
import { createServer } from 'node:http';

/** CloudWatch DescribeAlarms and Logs DescribeMetricFilters page sizes when the caller gives none (API defaults). */
const DEFAULT_PAGE = { DescribeAlarms: 50, DescribeMetricFilters: 50 };

function operationOf(req, body) {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const m = /(?:^|&)Action=([^&]+)/.exec(body);
  return m ? decodeURIComponent(m[1]) : `${req.method} ${req.url}`;
}

function scopeOf(req, body) {
  const auth = req.headers.authorization ?? '';
  const m = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(auth);
  if (m) return { region: m[1], service: m[2] };
  return { region: '', service: /Action=AssumeRoleWithWebIdentity/.test(body) ? 'sts' : '' };
}

function attemptOf(req) {
  const m = /attempt=(\d+)/.exec(req.headers['amz-sdk-request'] ?? '');
  return m ? Number(m[1]) : 1;
}

function errorBody(req, code, message) {
  if (req.headers['x-amz-target'])
    return { type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message }) };
  return {
    type: 'text/xml',
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
  };
}

/**
 * Starts the proxy. `faults` (changeable with setFaults) may hold:
 * throttleFirstAttempt, fail503FirstAttempt (booleans), deny (operation names → AccessDenied),
 * fail503Always (operation names), latencyMs.
 */
export async function startProxy(target, faults = {}) {
  let current = faults;
  const log = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let body = Buffer.concat(chunks).toString('utf8');
    const operation = operationOf(req, body);
    const { service, region } = scopeOf(req, body);
    const attempt = attemptOf(req);
    const entry = { service, region, operation, attempt, at: Date.now() };
    log.push(entry);
    if (current.latencyMs) await new Promise((r) => setTimeout(r, current.latencyMs));
    const fail = (status, code, message) => {
      const e = errorBody(req, code, message);
      res.writeHead(status, { 'content-type': e.type, 'x-amzn-errortype': code });
      res.end(e.body);
    };
    if (current.deny?.includes(operation))
      return fail(
        400,
        req.headers['x-amz-target'] ? 'AccessDeniedException' : 'AccessDenied',
        `User is not authorized to perform: ${operation}`,
      );
    if (current.fail503Always?.includes(operation))
      return fail(503, 'ServiceUnavailable', 'Service Unavailable');
    if (attempt === 1 && current.throttleFirstAttempt)
      return fail(400, req.headers['x-amz-target'] ? 'ThrottlingException' : 'Throttling', 'Rate exceeded');
    if (attempt === 1 && current.fail503FirstAttempt)
      return fail(503, 'ServiceUnavailable', 'Service Unavailable');

    let page;
    if (operation === 'DescribeAlarms' || operation === 'DescribeMetricFilters') {
      const request = JSON.parse(body || '{}');
      const alarms = operation === 'DescribeAlarms';
      const size = (alarms ? request.MaxRecords : request.limit) ?? DEFAULT_PAGE[operation];
      const offset = Number((alarms ? request.NextToken : request.nextToken) ?? 0);
      delete request.MaxRecords;
      delete request.NextToken;
      delete request.limit;
      delete request.nextToken;
      body = JSON.stringify(request);
      page = { alarms, size, offset };
    }
    const headers = {
      ...req.headers,
      host: new URL(target).host,
      'content-length': String(Buffer.byteLength(body)),
    };
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' ? undefined : body,
    });
    let text = await upstream.text();
    // Kept so tests can prove the assumed credentials never leak into output.
    if (operation === 'AssumeRoleWithWebIdentity') log[log.length - 1].response = text;
    if (page && upstream.ok) {
      const whole = JSON.parse(text);
      if (page.alarms) {
        const items = [
          ...(whole.MetricAlarms ?? []).map((a) => ['MetricAlarms', a]),
          ...(whole.CompositeAlarms ?? []).map((a) => ['CompositeAlarms', a]),
        ];
        const slice = items.slice(page.offset, page.offset + page.size);
        const out = { MetricAlarms: [], CompositeAlarms: [] };
        for (const [k, a] of slice) out[k].push(a);
        if (page.offset + page.size < items.length) out.NextToken = String(page.offset + page.size);
        text = JSON.stringify(out);
      } else {
        const items = whole.metricFilters ?? [];
        const out = { metricFilters: items.slice(page.offset, page.offset + page.size) };
        if (page.offset + page.size < items.length) out.nextToken = String(page.offset + page.size);
        text = JSON.stringify(out);
      }
    }
    const outHeaders = {};
    upstream.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k))
        outHeaders[k] = v;
    });
    res.writeHead(upstream.status, outHeaders);
    res.end(text);
    entry.ms = Date.now() - entry.at;
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    setFaults(f) {
      current = f;
    },
    clearLog() {
      log.length = 0;
    },
    close() {
      return new Promise((r) => server.close(() => r()));
    },
  };
}
