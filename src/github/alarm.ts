import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';
import { mdText } from './report-text.js';

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

/** The alarm about one landing the forge's record refused; its key is the landing commit. */
export function landingAlarm(landing: { path: string; commit: string; message: string }): Alarm {
  // A landing reconcile would have provisioned has a grant path; anything else is shown inert.
  const path = landing.path.replace(/[^A-Za-z0-9._/-]/g, '_').slice(0, 120);
  const commit = landing.commit.replace(/[^0-9a-f]/g, '').slice(0, 40);
  return {
    key: `landing:${commit}`,
    title: `grantops: ${path} landed without grantops' decision (${commit.slice(0, 10)})`,
    body: [
      `**A grant landed on the branch without passing grantops' decision. It grants nothing.**`,
      '',
      `- File: \`${path}\``,
      `- Landing commit: ${commit}`,
      `- Code: \`E_LANDING_REJECTED\``,
      '',
      mdText(landing.message, 4000),
      '',
      'Every reconcile run fails and reports this landing until the file is reverted. Close this issue once it is.',
    ].join('\n'),
  };
}

export async function raiseAlarm(
  octokit: GitHubClient,
  repo: RepoRef,
  alarm: Alarm,
  botLogin: string,
): Promise<{ issue: number; created: boolean }> {
  return (await raiseAlarms(octokit, repo, [alarm], botLogin))[0]!;
}

/**
 * Raises several alarms with one listing of the open alarm issues (however many alarms a run
 * has), then one creation per alarm that has no open issue yet. Results come in `alarms` order.
 */
export async function raiseAlarms(
  octokit: GitHubClient,
  repo: RepoRef,
  alarms: readonly Alarm[],
  botLogin: string,
): Promise<{ issue: number; created: boolean }[]> {
  if (alarms.length === 0) return [];
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    labels: ALARM_LABEL,
    per_page: 100,
  });
  const ours = open.filter(
    (i) => i.user?.login.toLowerCase() === botLogin.toLowerCase() && !i.pull_request,
  );
  // Two alarms of one run with one key make one issue.
  const raised = new Map<string, number>();
  const out: { issue: number; created: boolean }[] = [];
  for (const alarm of alarms) {
    const marker = alarmMarker(alarm.key);
    const existing =
      raised.get(marker) ?? ours.find((i) => (i.body ?? '').includes(marker))?.number;
    if (existing !== undefined) {
      out.push({ issue: existing, created: false });
      continue;
    }
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: alarm.title.slice(0, 256),
      body: `${marker}\n${alarm.body}`.slice(0, 65536),
      labels: [ALARM_LABEL],
    });
    raised.set(marker, data.number);
    out.push({ issue: data.number, created: true });
  }
  return out;
}
