import type { ApplyOutcome } from '../core/apply-plan.js';
import { canonical, type Plan, type PlanError, type PlanItem } from '../core/plan.js';
import type { Alarm } from '../core/provisioning.js';
import { iso } from '../core/time.js';
import { printable } from './escape.js';

/** A plan as `plan` and `reconcile` print it: what it changes, and, after a real run, what happened. */
export interface PlanReport {
  title: string;
  ref: string;
  commit: string;
  plan: Plan;
  alarms: readonly Alarm[];
  /** Present after a real run. */
  applied?: ApplyOutcome;
}

/**
 * Every line of a multi-line message. Messages quote what they hold from outside already
 * (core/text.ts `quote`); escaping them again would show each escape twice.
 */
const lines = (text: string) => text.split('\n').filter(Boolean);

/** The plan for people: one line per change, with why, then errors and alarms. */
export function renderPlan(r: PlanReport): string {
  const { plan, applied } = r;
  const out = [r.title]; // composed by the command, the ref already escaped
  // Two items of one person at one provider (a stale target and the current one) name their targets.
  const people = new Map<string, number>();
  const person = (i: PlanItem) => `${i.provider}\u0000${i.access.role}\u0000${i.access.login}`;
  for (const i of [...plan.grant, ...plan.revoke])
    people.set(person(i), (people.get(person(i)) ?? 0) + 1);
  const row = (sign: string, verb: string, i: PlanItem) => {
    const a = i.access;
    const as = a.identity !== a.login ? ` (as ${printable(a.identity)})` : '';
    const target = (people.get(person(i)) ?? 0) > 1 ? ` ${printable(canonical(a.target))}` : '';
    const failed = applied?.failed.has(i) ? '  ✗ FAILED, see errors' : '';
    return `  ${sign} ${verb.padEnd(6)} ${printable(a.role)} for ${printable(a.login)}${as}${target} at ${printable(i.provider)}: ${printable(i.why, 400)}${failed}`;
  };
  for (const g of plan.grant) out.push(row('+', 'grant', g));
  for (const x of plan.revoke) out.push(row('-', 'revoke', x));
  const errors = allErrors(r);
  if (!plan.grant.length && !plan.revoke.length) {
    out.push(plan.errors.length ? '  nothing planned (see errors)' : '  nothing to change');
  }
  out.push(`  ${plan.unchanged} unchanged`);
  if (applied) out.push(`applied: ${applied.granted} granted, ${applied.revoked} revoked`);
  if (errors.length) {
    out.push('', `${errors.length} error${errors.length > 1 ? 's' : ''}:`);
    for (const e of errors) {
      const [first = '', ...more] = lines(e.message);
      out.push(`  ${e.code}${e.provider ? ` (${printable(e.provider)})` : ''}: ${first}`);
      for (const m of more) out.push(`    ${m}`);
    }
  }
  if (r.alarms.length) {
    const n = r.alarms.length;
    out.push('', `ALARM: ${n} grant${n > 1 ? 's' : ''} on the branch will not be provisioned:`);
    for (const a of r.alarms) out.push(`  ${a.code}: ${lines(a.message).join(' ')}`);
  }
  return out.join('\n');
}

/**
 * The plan for machines: DESIGN's `{grant, revoke, unchanged, errors}`, plus alarms and, after a
 * real run, what was applied. Each item names the target it stands for.
 */
export function planJson(r: PlanReport): string {
  const { plan, applied } = r;
  return JSON.stringify(
    {
      ref: r.ref,
      commit: r.commit,
      grant: plan.grant.map(itemJson),
      revoke: plan.revoke.map(itemJson),
      unchanged: plan.unchanged,
      errors: allErrors(r),
      alarms: r.alarms,
      ...(applied ? { applied: { granted: applied.granted, revoked: applied.revoked } } : {}),
    },
    null,
    2,
  );
}

function itemJson(i: PlanItem) {
  const a = i.access;
  return {
    provider: i.provider,
    role: a.role,
    requester: a.login,
    identity: a.identity,
    target: a.target,
    path: i.path,
    commit: i.commit,
    expires_at: a.expiresAt ? iso(a.expiresAt) : null,
    why: i.why,
  };
}

/** The plan's errors, then what went wrong applying it. */
function allErrors(r: PlanReport): PlanError[] {
  return [...r.plan.errors, ...(r.applied?.errors ?? [])];
}
