import { formatDuration } from '../core/duration.js';
import type { EligibleApprovers } from '../core/forge.js';
import { mdText, whoMayApprove } from './report-text.js';

/** What `grantops request` asks for, as the pull request's description shows it. */
export interface RequestBody {
  role: { name: string; description: string; maxSeconds: number };
  requester: string;
  path: string;
  renewal: boolean;
  duration: string;
  /** The duration as read by the role's rules; null only when it could not be read. */
  durationSeconds: number | null;
  reason: string;
  ticket?: string;
  start?: string;
  params?: Readonly<Record<string, string>>;
  eligible: EligibleApprovers;
}

/** The pull request's title: `Request <role> for <login> (<duration>)`. */
export function requestTitle(b: Pick<RequestBody, 'role' | 'requester' | 'duration'>): string {
  return `Request ${b.role.name} for ${b.requester} (${b.duration})`;
}

/**
 * The pull request's description: what is asked, the window it would open and who may approve
 * it. Written once, with the requester's token, so it is the requester's text: grantops decides
 * from the grant file and the reviews, and shows its decision in the check and the request card.
 * Every value is escaped like the card's, so nothing typed renders as markup or mentions anyone.
 */
export function requestBody(b: RequestBody): string {
  // The request was checked: its duration is within the role's maximum.
  const length =
    b.durationSeconds === null ? mdText(b.duration, 40) : formatDuration(b.durationSeconds);
  const from = b.start
    ? `from ${mdText(b.start, 40)}, or from the merge if that is later`
    : 'from the merge';
  const rows: [string, string][] = [
    ['role', `${mdText(b.role.name, 80)}: ${mdText(b.role.description, 300)}`],
    ['for', `${mdText(b.requester, 60)} (the author of this pull request)`],
    [
      'window',
      `${length}, ${from}; then revoked (the role allows at most ${formatDuration(b.role.maxSeconds)})`,
    ],
    ['reason', mdText(b.reason, 500)],
  ];
  if (b.ticket !== undefined) rows.push(['ticket', mdText(b.ticket, 100)]);
  const params = Object.entries(b.params ?? {});
  if (params.length)
    rows.push(['scope', params.map(([k, v]) => `${mdText(k, 60)}=${mdText(v, 200)}`).join(', ')]);
  rows.push([
    'file',
    `${mdText(b.path, 200)}${b.renewal ? ' (a renewal: it replaces the grant on main)' : ''}`,
  ]);
  return [
    `### Access request: ${mdText(b.role.name, 80)} for ${mdText(b.requester, 60)}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    ...whoMayApprove(b.eligible),
    '',
    'grantops checks this pull request on every change (the check `grantops/decision` and its request card) and merges it once the approvals count on its latest commit. An approval on an earlier commit, or from the requester or someone who pushed to it, does not count.',
  ].join('\n');
}
