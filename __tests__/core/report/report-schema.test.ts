import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runAudit } from '../../../src/audit/run-audit.js';
import { validateConfig } from '../../../src/core/config.js';
import { compliantSnapshot, TOPIC } from '../../helpers/snapshots.js';

// ajv ships CommonJS: loaded with require, typed by the little the test uses.
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
interface AjvLike {
  compile(schema: object): Validator;
}
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as new (options: object) => AjvLike;
const addFormats = require('ajv-formats').default as (ajv: AjvLike) => void;

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('the JSON report', () => {
  it('follows schema/report.schema.json for a passing audit', async () => {
    const { report } = await runAudit(validateConfig({}), { snapshot: compliantSnapshot() });
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.result).toBe('pass');
  });

  it('follows the schema with failures, unknowns and remediation', async () => {
    const s = compliantSnapshot('cis-5.0');
    s.topics[TOPIC]!.error = {
      service: 'SNS',
      operation: 'ListSubscriptionsByTopic',
      region: 'us-east-1',
      kind: 'throttled',
      code: 'Throttling',
      message: 'Rate exceeded',
    };
    s.trails[0]!.selectors = {
      basic: [{ readWriteType: 'All', excludeManagementEventSources: ['kms.amazonaws.com'] }],
    };
    const { report } = await runAudit(validateConfig({ benchmark: 'cis-5.0', 'fail-on': 'fail' }), {
      snapshot: s,
    });
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.summary).toEqual({ passed: 0, failed: 1, unknown: 14, waived: 0 });
    expect(report.controls.find((c) => c.status === 'FAIL')!.remediation).not.toBeNull();
  });

  it('is rejected by the schema when a status is not one of the four', async () => {
    const { report } = await runAudit(validateConfig({}), { snapshot: compliantSnapshot() });
    const bad = { ...report, controls: [{ ...report.controls[0]!, status: 'MAYBE' }] };
    expect(validate(bad)).toBe(false);
  });
});
