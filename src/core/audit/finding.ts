import type { ControlId } from '../catalog/catalog.js';

export type Status = 'PASS' | 'FAIL' | 'UNKNOWN' | 'WAIVED';
export type LinkName = 'trail' | 'log-group' | 'filter' | 'alarm' | 'topic' | 'subscription';
export const LINK_ORDER: readonly LinkName[] = [
  'trail',
  'log-group',
  'filter',
  'alarm',
  'topic',
  'subscription',
];

export interface ChainLink {
  link: LinkName;
  status: 'ok' | 'fail' | 'unknown';
  /** The resource this link is about: trail ARN, log group ARN, filter names, alarm ARN, topic ARN. */
  resource?: string;
  detail: string;
}

export interface Remediation {
  summary: string;
  commands: string[];
}

export interface Finding {
  id: ControlId;
  number: string;
  title: string;
  status: Status;
  reason: string;
  chain: ChainLink[];
  notes: string[];
  remediation?: Remediation;
}
