import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The alarm: one open issue labelled `grantops:alarm` per thing that went wrong (a landing that
 * skipped grantops' decision, a rewritten main), found again by a hidden key so repeated runs
 * raise it once. Only issues grantops' own account opened count: anyone can open an issue with
 * the label and the marker, and such an issue must not silence a real alarm. The failed run is
 * the other half of the alarm; this issue is what stays visible after the run is forgotten.
 */

export const ALARM_LABEL = 'grantops:alarm';

export interface Alarm {
  /** What identifies this alarm across runs, e.g. `landing:<commit>`; letters, digits, `:._-`. */
  key: string;
  title: string;
  /** Markdown; its text is grantops' own, with untrusted values already escaped. */
  body: string;
}

export const alarmMarker = (key: string) =>
  `<!-- grantops:alarm ${key.replace(/[^A-Za-z0-9:._-]/g, '_')} -->`;

export async function raiseAlarm(
  octokit: GitHubClient,
  repo: RepoRef,
  alarm: Alarm,
  botLogin: string,
): Promise<{ issue: number; created: boolean }> {
  const marker = alarmMarker(alarm.key);
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    labels: ALARM_LABEL,
    per_page: 100,
  });
  const existing = open.find(
    (i) =>
      i.user?.login.toLowerCase() === botLogin.toLowerCase() &&
      !i.pull_request &&
      (i.body ?? '').includes(marker),
  );
  if (existing) return { issue: existing.number, created: false };
  const { data } = await octokit.rest.issues.create({
    ...repo,
    title: alarm.title.slice(0, 256),
    body: `${marker}\n${alarm.body}`.slice(0, 65536),
    labels: [ALARM_LABEL],
  });
  return { issue: data.number, created: true };
}
