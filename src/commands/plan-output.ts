import type { Plan, PlanItem } from '../core/plan.js';
import type { Alarm } from '../core/provisioning.js';

export interface ApplyOutcome {
  granted: number;
  revoked: number;
}

/** The plan for people: one line per change, with why, then errors and alarms. */
export function renderPlan(
  title: string,
  plan: Plan,
  alarms: readonly Alarm[],
  applied?: ApplyOutcome,
): string {
  const lines = [title];
  // After a real run, a change whose provider reported a failure is marked as such.
  const failed = (i: PlanItem) =>
    applied !== undefined &&
    plan.errors.some(
      (e) =>
        e.code === 'E_PROVIDER_APPLY' &&
        e.provider === i.provider &&
        (e.role === null || (e.role === i.role && e.requester === i.requester)),
    );
  const row = (sign: string, verb: string, i: PlanItem) =>
    `  ${sign} ${verb.padEnd(6)} ${i.role} for ${i.requester}${i.identity !== i.requester ? ` (as ${i.identity})` : ''} at ${i.provider}: ${i.why}${failed(i) ? '  ✗ FAILED, see errors' : ''}`;
  for (const g of plan.grant) lines.push(row('+', 'grant', g));
  for (const r of plan.revoke) lines.push(row('-', 'revoke', r));
  if (!plan.grant.length && !plan.revoke.length) {
    lines.push(plan.errors.length ? '  nothing planned (see errors)' : '  nothing to change');
  }
  lines.push(`  ${plan.unchanged} unchanged`);
  if (applied) lines.push(`applied: ${applied.granted} granted, ${applied.revoked} revoked`);
  if (plan.errors.length) {
    lines.push('', `${plan.errors.length} error${plan.errors.length > 1 ? 's' : ''}:`);
    for (const e of plan.errors)
      lines.push(`  ${e.code}${e.provider ? ` (${e.provider})` : ''}: ${e.message}`);
  }
  if (alarms.length) {
    lines.push(
      '',
      `ALARM: ${alarms.length} grant${alarms.length > 1 ? 's' : ''} on the branch will not be provisioned:`,
    );
    for (const a of alarms) lines.push(`  ${a.code}: ${a.message}`);
  }
  return lines.join('\n');
}

/** The plan for machines: DESIGN's `{grant, revoke, unchanged, errors}`, plus alarms and what was applied. */
export function planJson(
  ref: string,
  commit: string,
  plan: Plan,
  alarms: readonly Alarm[],
  applied?: ApplyOutcome,
): string {
  return JSON.stringify({ ref, commit, ...plan, alarms, ...(applied ? { applied } : {}) }, null, 2);
}
