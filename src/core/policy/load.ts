import { parseDuration } from '../duration.js';
import { problem, type Problem } from '../problem.js';
import { checkSchema } from '../schema-check.js';
import { shippedSchema, writtenSchema } from '../schema-compile.js';
import { parseStrictYaml, type YNode } from '../yaml.js';
import { positionFor, toValue, type JsonSchema, type Positions } from '../yaml-value.js';
import { keepRoles } from './outline.js';
import { checkPolicy } from './rules.js';
import { buildPolicySchema } from './schema.js';
import {
  DEFAULT_MAX_LEAD_SECONDS,
  DEFAULT_REASON_MIN_LENGTH,
  type Origin,
  type Policy,
  type ProviderSchemaSet,
  type Role,
  type TicketMode,
} from './types.js';

export type { ProviderSchemas, ProviderSchemaSet } from './types.js';

export interface SourceFile {
  path: string;
  text: string;
}

export interface LoadOptions {
  /**
   * Load only what deciding requests for these roles needs: every other role entry is skipped
   * unread where a file's lines allow it (outline.ts), so its problems go unreported here.
   */
  roles?: Iterable<string>;
  /**
   * False when only the policy is wanted, not what is wrong with it (the ledger, which reports
   * nothing about the policies of the past): the rules of meaning (`checkPolicy`) are skipped.
   * Problems of shape are still found, since what does not fit the schema is not loaded.
   */
  check?: boolean;
}

export interface LoadedPolicy {
  policy: Policy;
  problems: Problem[];
}

/** Parsed files keep their positions so rules can point at a line. */
export interface PolicyDoc {
  path: string;
  value: RawPolicy;
  positions: Positions;
  node: YNode;
}

interface RawPolicy {
  admins?: string[];
  groups?: Record<string, string[]>;
  providers?: Record<string, Record<string, unknown>>;
  roles?: Record<string, RawRole>;
}
interface RawRole {
  description: string;
  provider: string;
  grant: Record<string, unknown>;
  max_duration: string;
  max_lead_time?: string;
  requesters: string[];
  approvers: string[];
  approvals: number;
  reason?: { min_length?: number; pattern?: string; hint?: string };
  ticket?: TicketMode | { mode: TicketMode; pattern?: string };
  params?: JsonSchema;
}

const schemaCache = new WeakMap<ProviderSchemaSet, JsonSchema>();
/**
 * The policy file schema for these provider types, built once per set. It and the provider
 * types' grant schemas are grantops' own (precompiled by the build when they are the shipped
 * ones); see schema-compile.ts.
 */
export function policySchemaFor(providers: ProviderSchemaSet): JsonSchema {
  let s = schemaCache.get(providers);
  if (!s) {
    s = shippedSchema(buildPolicySchema(providers));
    for (const p of Object.values(providers)) shippedSchema(p.grant);
    schemaCache.set(providers, s);
  }
  return s;
}

/**
 * Reads every `policies/*.yaml` file (already read from the base revision by the caller) into
 * one policy. Shape problems come from the schema, meaning problems from `checkPolicy`; all of
 * them are returned together so an admin fixes everything in one go.
 */
export function loadPolicies(
  files: readonly SourceFile[],
  providers: ProviderSchemaSet,
  opts: LoadOptions = {},
): LoadedPolicy {
  if (opts.roles) files = keepRoles(files, new Set(opts.roles)) ?? files;
  const schema = policySchemaFor(providers);
  const problems: Problem[] = [];
  const docs: PolicyDoc[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const parsed = parseStrictYaml(f.path, f.text);
    problems.push(...parsed.problems);
    if (!parsed.node) continue;
    const { value, positions } = toValue(parsed.node, schema);
    const shape = checkSchema(schema, value, f.path, positions);
    problems.push(...shape);
    if (shape.length === 0)
      docs.push({ path: f.path, value: value as RawPolicy, positions, node: parsed.node });
  }
  retypeGrants(docs, providers);
  const policy = merge(docs, problems);
  if (files.length === 0) {
    problems.push(
      problem(
        'policies/',
        null,
        'E_POLICY_MISSING',
        'No policy files found under policies/. Add policies/*.yaml defining admins, groups, providers and roles.',
      ),
    );
  }
  if (opts.check !== false) problems.push(...checkPolicy(policy, docs, providers));
  return { policy, problems };
}

/**
 * A role's `grant` settings can only be typed once its provider's type is known, and that may
 * be defined in another file. So they are typed a second time, by the provider type's own grant
 * schema: `account_id: 011122223333` stays that text instead of becoming a number.
 */
function retypeGrants(docs: PolicyDoc[], providers: ProviderSchemaSet): void {
  const typeOf = new Map<string, string>();
  for (const d of docs)
    for (const [name, p] of Object.entries(d.value.providers ?? {}))
      typeOf.set(name, String(p.type));
  for (const d of docs) {
    const roles = child(d.node, 'roles');
    for (const [name, raw] of Object.entries(d.value.roles ?? {})) {
      const schema = providers[typeOf.get(raw.provider) ?? '']?.grant;
      const node = child(child(roles, name), 'grant');
      if (!schema || !node) continue;
      const typed = toValue(node, schema);
      raw.grant = typed.value as Record<string, unknown>;
      const base = `/roles/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/grant`;
      for (const [ptr, pos] of typed.positions.value) d.positions.value.set(base + ptr, pos);
      for (const [ptr, pos] of typed.positions.key) d.positions.key.set(base + ptr, pos);
    }
  }
}

function child(node: YNode | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

function merge(docs: PolicyDoc[], problems: Problem[]): Policy {
  const policy: Policy = { admins: [], groups: new Map(), providers: new Map(), roles: new Map() };
  const defined = new Map<string, Origin>();
  const define = (doc: PolicyDoc, kind: string, pointer: string, name: string): Origin | null => {
    // The line of the entry's name, where an admin looks for it.
    const origin: Origin = {
      file: doc.path,
      at: doc.positions.key.get(pointer) ?? positionFor(doc.positions, pointer),
    };
    const id = `${kind}:${name}`;
    const earlier = defined.get(id);
    if (earlier) {
      problems.push(
        problem(
          doc.path,
          origin.at,
          'E_POLICY_DUPLICATE',
          `${kind} ${JSON.stringify(name)} is defined twice: here and in ${earlier.file}${earlier.at ? ` line ${earlier.at.line}` : ''}. Keep one definition.`,
        ),
      );
      return null;
    }
    defined.set(id, origin);
    return origin;
  };
  for (const doc of docs) {
    const v = doc.value;
    if (v.admins && define(doc, 'admins', '/admins', '')) policy.admins = v.admins;
    for (const [name, members] of Object.entries(v.groups ?? {})) {
      if (define(doc, 'group', `/groups/${name}`, name)) policy.groups.set(name, members);
    }
    for (const [name, settings] of Object.entries(v.providers ?? {})) {
      const origin = define(doc, 'provider', `/providers/${name}`, name);
      if (origin)
        policy.providers.set(name, { name, type: String(settings.type), settings, origin });
    }
    for (const [name, raw] of Object.entries(v.roles ?? {})) {
      const origin = define(doc, 'role', `/roles/${name}`, name);
      if (!origin) continue;
      const role = toRole(name, raw, origin);
      policy.roles.set(name, role);
      if (role.params)
        writtenSchema(role.params, {
          file: doc.path,
          at:
            doc.positions.key.get(`/roles/${name}/params`) ??
            positionFor(doc.positions, `/roles/${name}/params`),
          what: `The params schema of role ${JSON.stringify(name)}`,
        });
    }
  }
  return policy;
}

function toRole(name: string, raw: RawRole, origin: Origin): Role {
  const ticket = typeof raw.ticket === 'string' ? { mode: raw.ticket } : raw.ticket;
  return {
    name,
    description: raw.description,
    provider: raw.provider,
    grant: raw.grant,
    // NaN marks an unreadable duration; checkPolicy reports it with its line.
    maxDurationSeconds: parseDuration(raw.max_duration) ?? Number.NaN,
    maxLeadSeconds:
      raw.max_lead_time === undefined
        ? DEFAULT_MAX_LEAD_SECONDS
        : (parseDuration(raw.max_lead_time) ?? Number.NaN),
    requesters: raw.requesters,
    approvers: raw.approvers,
    approvals: raw.approvals,
    reason: {
      minLength: raw.reason?.min_length ?? DEFAULT_REASON_MIN_LENGTH,
      pattern: raw.reason?.pattern ?? null,
      hint: raw.reason?.hint ?? null,
    },
    ticket: {
      mode: ticket?.mode ?? 'optional',
      pattern: (ticket && 'pattern' in ticket ? ticket.pattern : null) ?? null,
    },
    params: raw.params ?? null,
    origin,
  };
}
