// Link 1 of the chain: does a trail deliver the control's management events to CloudWatch Logs?
import type { CatalogControl } from '../catalog/catalog.js';
import type { AtomNode, Node } from '../pattern/ast.js';
import { isAtom } from '../pattern/ast.js';
import { EVENT_SOURCES_BY_NAME } from '../pattern/cloudtrail-model.js';
import { parsePattern } from '../pattern/parser.js';
import type { AdvancedFieldSelector, TrailRecord } from './snapshot.js';

/** '*' when any event source can produce the control's events, else the sources that can. */
export function controlEventSources(control: CatalogControl): '*' | string[] {
  const names = new Set<string>();
  const sources = new Set<string>();
  for (const r of control.references) {
    const p = parsePattern(r, Number.POSITIVE_INFINITY);
    if (p.kind !== 'json') return '*';
    for (const a of atoms(p.root)) {
      if (a.type !== 'compare' || a.op !== '=' || a.value.kind !== 'string') continue;
      if (a.selector.key === '$.eventName') names.add(a.value.core);
      if (a.selector.key === '$.eventSource') sources.add(a.value.core);
    }
  }
  if (names.size === 0) return '*';
  for (const n of names) for (const s of EVENT_SOURCES_BY_NAME.get(n) ?? []) sources.add(s);
  return sources.size === 0 ? '*' : [...sources].sort();
}

function atoms(node: Node): AtomNode[] {
  return isAtom(node) ? [node] : node.children.flatMap(atoms);
}

interface Capture {
  read: boolean;
  write: boolean;
  /** Sources left out; `only`, when set, the sources kept. */
  excluded: string[];
  only?: string[];
}

/** Why the trail does not capture the control's management events, or undefined when it does. */
export function managementEventGap(trail: TrailRecord, sources: '*' | string[]): string | undefined {
  const captures: Capture[] = [];
  const ignored: string[] = [];
  for (const s of trail.selectors?.basic ?? []) {
    if (s.includeManagementEvents === false) continue;
    const rw = s.readWriteType ?? 'All';
    captures.push({
      read: rw === 'All' || rw === 'ReadOnly',
      write: rw === 'All' || rw === 'WriteOnly',
      excluded: s.excludeManagementEventSources ?? [],
    });
  }
  for (const s of trail.selectors?.advanced ?? []) {
    const c = readAdvanced(s.fieldSelectors);
    if (typeof c === 'string')
      ignored.push(`${s.name ? `selector "${s.name}"` : 'an advanced selector'} ${c}`);
    else if (c) captures.push(c);
  }
  if (captures.length === 0)
    return ignored.length > 0
      ? `no event selector captures all management events (${ignored.join('; ')})`
      : 'no event selector includes management events';
  const wanted = sources === '*' ? ['*'] : sources;
  for (const source of wanted) {
    // For controls whose events come from any source, exclusions are a note (managementEventNote),
    // not a gap: CloudTrail still records every other source's events for them.
    const covering = captures.filter((c) =>
      source === '*'
        ? c.only === undefined
        : !c.excluded.includes(source) && (c.only === undefined || c.only.includes(source)),
    );
    const read = covering.some((c) => c.read);
    const write = covering.some((c) => c.write);
    if (read && write) continue;
    const excluders = captures.flatMap((c) => c.excluded);
    if (source !== '*' && excluders.includes(source)) return `management events from ${source} are excluded`;
    const missing = !read && !write ? 'any' : !read ? 'read' : 'write';
    return `the event selectors do not capture ${missing} management events${source === '*' ? '' : ` from ${source}`} (CIS needs ReadWriteType All)`;
  }
  return undefined;
}

// An advanced selector counts when it selects management events and restricts nothing but
// readOnly and eventSource; a string says why it does not count.
function readAdvanced(fields: AdvancedFieldSelector[]): Capture | string | undefined {
  const category = fields.find((f) => f.field === 'eventCategory');
  if (!category?.equals?.includes('Management')) return undefined;
  const c: Capture = { read: true, write: true, excluded: [] };
  for (const f of fields) {
    if (f.field === 'eventCategory') continue;
    const ops = Object.keys(f).filter((k) => k !== 'field');
    if (f.field === 'readOnly' && ops.every((o) => o === 'equals' || o === 'notEquals')) {
      const isTrue = [
        ...(f.equals ?? []),
        ...(f.notEquals ?? []).map((v) => (v === 'true' ? 'false' : 'true')),
      ];
      if (isTrue.length > 0 && !isTrue.includes('true')) c.read = false;
      if (isTrue.length > 0 && !isTrue.includes('false')) c.write = false;
    } else if (f.field === 'eventSource' && ops.every((o) => o === 'equals' || o === 'notEquals')) {
      if (f.notEquals) c.excluded.push(...f.notEquals);
      if (f.equals) c.only = f.equals;
    } else return `restricts ${f.field}`;
  }
  return c;
}

/** For a control whose events come from any source: the sources the trail leaves out, as a note. */
export function managementEventNote(trail: TrailRecord, sources: '*' | string[]): string | undefined {
  if (sources !== '*') return undefined;
  const excluded = new Set<string>();
  for (const s of trail.selectors?.basic ?? [])
    for (const x of s.excludeManagementEventSources ?? []) excluded.add(x);
  for (const s of trail.selectors?.advanced ?? [])
    for (const f of s.fieldSelectors)
      if (f.field === 'eventSource') for (const x of f.notEquals ?? []) excluded.add(x);
  if (excluded.size === 0) return undefined;
  return `trail ${trail.name} excludes management events from ${[...excluded].join(', ')}: this control does not see them`;
}
