/**
 * The examples `grantops <command> --help` ends with: a command line as a person would type it
 * and one line on what it is for. They are kept here, apart from the commands, and a test
 * (test/cli-examples.test.ts) holds them to the commands: every command has some, and every
 * line parses with its command's options, values included.
 */
export interface Example {
  /** The whole command line, `grantops` first; quotes group words as a shell does. */
  line: string;
  /** What running it does, or when to run it. */
  why: string;
}

const SHA = '3f1c0b1e0a9d4c2b7e6f5a4d3c2b1a0f9e8d7c6b';

export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  validate: [
    {
      line: 'grantops validate --base origin/main --head HEAD --author alice',
      why: 'Check the change on your branch as alice’s request before opening the pull request.',
    },
    {
      line: 'grantops validate --base origin/main --head HEAD --author alice --approved-by carol,dave --committers alice',
      why: 'Decide whether it may merge: valid, and approved on its head commit by people who did not push to it.',
    },
    {
      line: 'grantops validate --base origin/main --head HEAD --author alice --directory teams.yaml --format json',
      why: 'Offline, with @org/team members from a YAML file, as JSON for a script.',
    },
  ],
  codeowners: [
    {
      line: 'grantops codeowners',
      why: 'Rewrite .github/CODEOWNERS from the committed policies, after a change to roles or groups.',
    },
    {
      line: 'grantops codeowners --check',
      why: 'In CI: exit 1 when CODEOWNERS is missing or no longer matches the policies.',
    },
  ],
  init: [
    {
      line: `grantops init access --action-ref acme/grantops@${SHA} --org acme`,
      why: 'Start an access repository in ./access, its workflows pinned to that commit of the action.',
    },
    {
      line: `grantops init --action-ref acme/grantops@${SHA}`,
      why: 'Add grantops to the current (empty) folder, with my-org in the example team names.',
    },
  ],
  status: [
    {
      line: 'grantops status',
      why: 'Who has access now, and what is scheduled, on the main branch.',
    },
    {
      line: 'grantops status --now 2026-11-27T09:00:00Z',
      why: 'What will be in force tomorrow at 09:00 UTC.',
    },
    {
      line: 'grantops status --directory github --format json',
      why: 'As JSON, with approvers named through @org/team resolved by GitHub’s API.',
    },
  ],
  audit: [
    {
      line: 'grantops audit --since 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z',
      why: 'Every grant, renewal, expiry and revocation in November.',
    },
    {
      line: 'grantops audit --at 2026-11-26T09:30:00Z',
      why: 'Who had access at that moment (an incident review).',
    },
    {
      line: 'grantops audit --user alice --role orders-db-read --format csv',
      why: 'One person’s history of one role, for a spreadsheet.',
    },
    {
      line: 'grantops audit --since 2026-11-01T00:00:00Z --format markdown',
      why: 'The month as a Markdown table with a Mermaid chart, for a report or an issue.',
    },
  ],
  plan: [
    {
      line: 'grantops plan',
      why: 'What reconcile would grant and revoke now at every provider, and why; changes nothing.',
    },
    {
      line: 'grantops plan --now 2026-11-26T18:00:00Z',
      why: 'What it would do at 18:00 UTC, once today’s short grants have ended.',
    },
    {
      line: 'grantops plan --ref origin/main --format json',
      why: 'The plan for the remote main branch, as JSON.',
    },
  ],
  reconcile: [
    {
      line: 'grantops reconcile --dry-run',
      why: 'Print exactly what a real run would apply, and change nothing.',
    },
    {
      line: 'grantops reconcile',
      why: 'Make every provider match main: revoke what ended, grant what was approved.',
    },
    {
      line: 'grantops reconcile --ref origin/main --directory github',
      why: 'As the scheduled workflow runs it: main as fetched, teams resolved through GitHub.',
    },
  ],
  request: [
    {
      line: 'grantops request orders-db-read --for 2h --reason "INC-4821 slow checkout queries need EXPLAIN"',
      why: 'Ask for two hours of the role: checked, then written on request/orders-db-read/<you>.',
    },
    {
      line: 'grantops request orders-db-read --for 1h --reason "CHG-1042 index migration" --start 2026-11-27T22:00:00+01:00',
      why: 'Schedule it for tonight’s change window instead of from the merge.',
    },
    {
      line: 'grantops request orders-db-read --for 30m --reason "INC-4821 check locks" --param schema=billing --forge github --open-pr',
      why: 'Ask for the billing schema only, and open the pull request on GitHub.',
    },
    {
      line: 'grantops request orders-db-read --for 2h --reason "INC-4821 trial run" --as alice --forge local',
      why: 'Try it on a plain git repository, as alice.',
    },
  ],
  approve: [
    {
      line: 'grantops approve request/orders-db-read/alice --as carol',
      why: 'carol approves alice’s request as it is now (local forge; on GitHub, review the pull request).',
    },
    {
      line: 'grantops approve request/orders-db-read/alice --as carol --directory teams.yaml',
      why: 'The same, with @org/team members from a YAML file so a team’s member counts.',
    },
  ],
  merge: [
    {
      line: 'grantops merge --all',
      why: 'Merge every open request that is valid and approved; say why each other one waits.',
    },
    {
      line: 'grantops merge request/orders-db-read/alice --forge local',
      why: 'Decide one request of the local forge.',
    },
    {
      line: 'grantops merge 42 --forge github --format json',
      why: 'Decide pull request #42 on GitHub, as the merge workflow does.',
    },
  ],
  expire: [
    {
      line: 'grantops expire --dry-run',
      why: 'List the grants whose window has ended and that would be recorded; write nothing.',
    },
    {
      line: 'grantops expire',
      why: 'Record each ended grant on main: a revert deleting its file, with Grant-Action: expired.',
    },
    {
      line: 'grantops expire --forge github --format json',
      why: 'As the scheduled workflow runs it: revert pull requests, opened and merged by grantops.',
    },
  ],
  demo: [
    {
      line: 'grantops demo',
      why: 'Watch a request go from ask to expiry, offline; nothing is left behind.',
    },
    {
      line: 'grantops demo --keep',
      why: 'The same, keeping the repository and the database to look around afterwards.',
    },
  ],
  doctor: [
    {
      line: 'grantops doctor --github-repo acme/access --app-id 123456',
      why: 'Check the repository’s ruleset, environment and App against what grantops needs.',
    },
    {
      line: 'grantops doctor --github-repo acme/access --environment prod-access --token-env ADMIN_TOKEN',
      why: 'With another environment name, and an administrator’s token from ADMIN_TOKEN.',
    },
    {
      line: 'grantops doctor --format json',
      why: 'In a workflow (GITHUB_REPOSITORY names the repository), as JSON.',
    },
  ],
};
