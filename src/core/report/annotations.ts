import type { FailOn } from '../audit/decide.js';
import type { Finding } from '../audit/finding.js';

/** GitHub shows at most 10 error annotations per step (docs: "Workflow commands", annotations). */
export const MAX_ERROR_ANNOTATIONS = 10;

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
}

/** One annotation per control that does not pass, worst first; errors past GitHub's limit fold into one notice. */
export function buildAnnotations(findings: readonly Finding[], failOn: FailOn): Annotation[] {
  const severity = (f: Finding) => (f.status === 'FAIL' ? 0 : 1);
  const open = findings
    .filter((f) => f.status === 'FAIL' || f.status === 'UNKNOWN')
    .sort((a, b) => severity(a) - severity(b));
  const errors: Annotation[] = [];
  const warnings: Annotation[] = [];
  for (const f of open) {
    const isError = f.status === 'FAIL' || failOn === 'unknown';
    const a: Annotation = {
      level: isError ? 'error' : 'warning',
      title: `CIS ${f.number} ${f.id}: ${f.status}`,
      message: `${f.title}: ${f.reason}`,
    };
    (isError ? errors : warnings).push(a);
  }
  const shown = errors.slice(0, MAX_ERROR_ANNOTATIONS);
  const rest = errors.slice(MAX_ERROR_ANNOTATIONS);
  const out = [...shown, ...warnings];
  if (rest.length > 0)
    out.push({
      level: 'notice',
      title: `${rest.length} more controls do not pass`,
      message: rest.map((a) => a.title).join('; '),
    });
  return out;
}
