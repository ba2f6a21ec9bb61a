import { forbidden, noContent, notFound } from './http.js';
import type { Context, Route } from './router.js';
import { route } from './router.js';

/** Organization invitations (https://docs.github.com/rest/orgs/members). */

const DOCS = {
  cancel: 'https://docs.github.com/rest/orgs/members#cancel-an-organization-invitation',
};

/** Cancelling the invitation also drops every pending team membership it carried. */
function cancelInvitation(ctx: Context) {
  const org = ctx.store.org(ctx.params.org as string);
  const invitation =
    org &&
    ctx.store.invitations.find((i) => i.org === org && i.id === Number(ctx.params.invitation_id));
  if (!invitation) throw notFound(DOCS.cancel);
  if (!ctx.actor.canWrite) throw forbidden('Resource not accessible by integration', DOCS.cancel);
  ctx.store.cancelInvitation(invitation);
  return noContent();
}

export const orgRoutes: Route[] = [
  route('DELETE', '/orgs/{org}/invitations/{invitation_id}', DOCS.cancel, cancelInvitation),
];
