import type { Position } from '../problem.js';
import type { JsonSchema } from '../yaml-value.js';

/** Where a policy entry was defined, for messages that point an admin at the line to fix. */
export interface Origin {
  file: string;
  at: Position | null;
}

export type TicketMode = 'required' | 'optional' | 'forbidden';

export interface Role {
  name: string;
  description: string;
  provider: string;
  /** The provider-specific grant settings, already checked against the provider's schema. */
  grant: Record<string, unknown>;
  maxDurationSeconds: number;
  maxLeadSeconds: number;
  requesters: string[];
  approvers: string[];
  approvals: number;
  reason: { minLength: number; pattern: string | null; hint: string | null };
  ticket: { mode: TicketMode; pattern: string | null };
  params: JsonSchema | null;
  origin: Origin;
}

export interface ProviderConfig {
  name: string;
  type: string;
  settings: Record<string, unknown>;
  origin: Origin;
}

export interface Policy {
  admins: string[];
  groups: Map<string, string[]>;
  providers: Map<string, ProviderConfig>;
  roles: Map<string, Role>;
}

/** What a provider type accepts: its settings (`providers.<name>`) and a role's `grant`. */
export interface ProviderSchemas {
  settings: JsonSchema;
  grant: JsonSchema;
}

/**
 * Every provider type's schemas, by type name. Data the caller passes in (from src/providers/),
 * so the core knows no provider.
 */
export type ProviderSchemaSet = Readonly<Record<string, ProviderSchemas>>;

export const DEFAULT_REASON_MIN_LENGTH = 10;
export const DEFAULT_MAX_LEAD_SECONDS = 7 * 86400;
