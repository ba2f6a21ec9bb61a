/**
 * The files of a new access repository (`grantops init`), as data: pure text in, files out, so
 * the command only reads the package's templates and writes what this returns.
 */

export interface ScaffoldFile {
  path: string;
  content: string;
}

export interface ScaffoldInput {
  /** `owner/repo@<40 hex>`: the grantops action every workflow runs, pinned by commit. */
  actionRef: string;
  /** The GitHub organization named in the example policies' team slugs. */
  org: string;
  /** This package's access workflows (check, merge, reconcile), by file name. */
  workflows: ReadonlyMap<string, string>;
  /** The shipped JSON Schemas, by file name. */
  schemas: ReadonlyMap<string, string>;
  /** The example policies and the requesters' README, by path in the new repository. */
  templates: ReadonlyMap<string, string>;
}

/** `owner/repo@sha`, the only form a workflow may use an action in (DESIGN I5). */
export const ACTION_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._/-]+)?@[0-9a-f]{40}$/;

/** An organization login: GitHub's rule for account names. */
export const ORG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The workflows an access repository runs; the project's own CI is not one of them. */
export const ACCESS_WORKFLOWS = ['check.yml', 'merge.yml', 'reconcile.yml'] as const;

export function scaffold(input: ScaffoldInput): ScaffoldFile[] {
  if (!ACTION_REF.test(input.actionRef))
    throw new Error(`action ref ${JSON.stringify(input.actionRef)} is not owner/repo@<commit>`);
  if (!ORG_NAME.test(input.org))
    throw new Error(`organization ${JSON.stringify(input.org)} is not a GitHub account name`);
  const files: ScaffoldFile[] = [];
  for (const name of ACCESS_WORKFLOWS) {
    const text = input.workflows.get(name);
    if (text === undefined) throw new Error(`the package is missing its workflow ${name}`);
    files.push({ path: `.github/workflows/${name}`, content: pinAction(text, input.actionRef) });
  }
  for (const [name, text] of input.schemas) files.push({ path: `schemas/${name}`, content: text });
  for (const [path, text] of input.templates)
    files.push({ path, content: text.replaceAll('{org}', input.org) });
  files.push({ path: 'grants/.gitkeep', content: '' });
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * In this repository the workflows run the action from the checkout (`uses: ./`); an access
 * repository runs the released action instead, pinned by commit so a moved tag cannot change
 * what holds its secrets.
 */
export function pinAction(workflow: string, actionRef: string): string {
  const [repo, sha] = actionRef.split('@') as [string, string];
  const pinned = workflow.replace(/^(\s*-?\s*uses:\s*)\.\/\s*$/gm, `$1${repo}@${sha}`);
  if (pinned === workflow) throw new Error('the workflow does not run the grantops action');
  return pinned;
}
