import { gitOk, tryResolveCommit } from './run.js';

/**
 * The commit of the branch that reconcile last acted on, kept as a git ref in the access
 * repository. If the branch no longer descends from it, history was rewritten (DESIGN I6) and
 * reconcile stops granting. In a workflow, fetch and push this ref with the repository
 * (`git fetch origin 'refs/grantops/*:refs/grantops/*'`) so runs share it.
 */
export const RECONCILED_REF = 'refs/grantops/reconciled';

export async function readMarker(repo: string): Promise<string | null> {
  return tryResolveCommit(repo, RECONCILED_REF);
}

export async function writeMarker(repo: string, commit: string): Promise<void> {
  await gitOk(repo, ['update-ref', '-m', 'grantops reconcile', RECONCILED_REF, commit]);
}
