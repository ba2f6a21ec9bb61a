#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);

// src/core/codes.ts
var PARAMS_CODE = {
  E_SCHEMA: "E_PARAMS_SCHEMA",
  E_MISSING_KEY: "E_PARAMS_MISSING_KEY",
  E_UNKNOWN_KEY: "E_PARAMS_UNKNOWN_KEY",
  E_TYPE: "E_PARAMS_TYPE",
  E_NOT_ALLOWED_VALUE: "E_PARAMS_NOT_ALLOWED_VALUE",
  E_TOO_MANY_PROBLEMS: "E_PARAMS_TOO_MANY_PROBLEMS"
};
var PARAMS_MEANINGS = {
  E_PARAMS_SCHEMA: "params does not fit the role\u2019s params schema (a pattern, a range, a rule).",
  E_PARAMS_MISSING_KEY: "params lacks a key the role\u2019s params schema requires.",
  E_PARAMS_UNKNOWN_KEY: "params has a key the role\u2019s params schema does not allow.",
  E_PARAMS_TYPE: "A params value has the wrong type (text where a number is wanted, \u2026).",
  E_PARAMS_NOT_ALLOWED_VALUE: "A params value is not one the role\u2019s params schema lists.",
  E_PARAMS_TOO_MANY_PROBLEMS: "params has more problems than are listed one by one."
};
var SCHEMA_MEANINGS = {
  E_SCHEMA: "A value does not fit the file\u2019s schema (a pattern, a range, a choice of forms).",
  E_MISSING_KEY: "A required key is missing.",
  E_UNKNOWN_KEY: "A key the file\u2019s schema does not know (often a misspelling).",
  E_TYPE: "A value has the wrong type (text where a number is wanted, a list for a mapping, \u2026).",
  E_NOT_ALLOWED_VALUE: "A value is not one of those allowed.",
  E_TOO_MANY_PROBLEMS: "A file has more problems than are listed one by one."
};
var CODES = {
  // A request: the change a pull request makes under grants/ (validate, request, merge).
  E_NO_CHANGES: "The change touches no file.",
  E_SCOPE: "The change touches a file outside grants/ (a control-plane change).",
  E_PATH: "A file under grants/ is not at grants/<role>/<login>.yaml.",
  E_NOT_REGULAR_FILE: "A grant or policy file is a symbolic link or a submodule.",
  E_FILE_TOO_LARGE: "A grant file is over 16 KiB, or a policy file over 1 MiB.",
  E_ENCODING: "A grant or policy file is not UTF-8 text.",
  E_EMPTY_FILE: "A grant file is empty.",
  E_UNKNOWN_ROLE: "The role a grant names does not exist in the policies.",
  E_REQUESTER_MISMATCH: "The grant file is for someone other than the author of the request.",
  E_NOT_ELIGIBLE: "The requester is not among the role\u2019s requesters.",
  E_TEAM_UNRESOLVED: "A team the decision depends on could not be resolved.",
  E_REVOKE_NOT_ALLOWED: "Someone other than the requester or an approver deletes a grant.",
  E_DURATION_FORMAT: "duration is not a duration.",
  E_DURATION_TOO_SHORT: "duration is under one minute.",
  E_DURATION_TOO_LONG: "duration is over the role\u2019s max_duration.",
  E_START_FORMAT: "start is not an RFC 3339 time with an offset.",
  E_START_IN_PAST: "start is in the past.",
  E_START_TOO_FAR: "start is further ahead than the role\u2019s max_lead_time.",
  E_REASON_FORMAT: "reason holds a line break, control or invisible character.",
  E_REASON_TOO_SHORT: "reason is shorter than the role asks.",
  E_REASON_PATTERN: "reason does not match the role\u2019s reason pattern.",
  E_TICKET_REQUIRED: "The role requires a ticket and there is none.",
  E_TICKET_FORBIDDEN: "The role takes no ticket and there is one.",
  E_TICKET_FORMAT: "ticket holds a line break, control or invisible character.",
  E_TICKET_PATTERN: "ticket does not match the role\u2019s ticket pattern.",
  E_PARAMS_NOT_ALLOWED: "The grant has params and its role takes none.",
  ...PARAMS_MEANINGS,
  E_APPROVALS_MISSING: "Fewer eligible approvals than the role requires.",
  // YAML: the strict reader of grant, policy and directory files.
  E_YAML_SYNTAX: "The file is not valid YAML.",
  E_YAML_DIRECTIVE: "A YAML directive (%YAML, %TAG) opens the file.",
  E_YAML_TAG: "An explicit YAML tag (!!str, !x, \u2026).",
  E_YAML_ANCHOR: "A YAML anchor (&name).",
  E_YAML_ALIAS: "A YAML alias (*name).",
  E_YAML_MERGE_KEY: "A YAML merge key (<<).",
  E_YAML_COMPLEX_KEY: "A mapping key that is a list or a mapping.",
  E_YAML_DUPLICATE_KEY: "The same key twice in one mapping.",
  E_YAML_MULTIPLE_DOCUMENTS: "More than one YAML document (---) in one file.",
  E_YAML_TOO_DEEP: "The file nests more than 32 levels deep.",
  E_YAML_INVISIBLE_CHARACTER: "A bidi control in the file, or an invisible character in a key.",
  // Schema: the shape of a file.
  ...SCHEMA_MEANINGS,
  // Policy: the files under policies/ (an admin fixes them).
  E_POLICY_INVALID: "The policies have problems (listed with it), or a role cannot be applied.",
  E_POLICY_MISSING: "There is no policy file under policies/.",
  E_POLICY_DUPLICATE: "A role, group, provider or admins is defined twice.",
  E_POLICY_NO_ADMINS: "No policy file defines admins.",
  E_POLICY_UNKNOWN_PROVIDER: "A role names a provider the policies do not define.",
  E_POLICY_UNKNOWN_GROUP: "A name with `_` is used as a group and no group has that name.",
  E_POLICY_GROUP_CYCLE: "Groups contain each other in a cycle.",
  E_POLICY_PARAMS_SCHEMA: "A role\u2019s params schema is not a usable JSON Schema for an object.",
  E_POLICY_APPROVALS_UNREACHABLE: "A role requires more approvals than it has approvers.",
  E_POLICY_DURATION: "A role\u2019s max_duration or max_lead_time is not a duration, or is over 90d.",
  E_POLICY_PATTERN: "A reason, ticket or params pattern the linear-time engine cannot run.",
  // The ledger and provisioning: what landed on the branch, and reconcile.
  E_MISSING_OBJECT: "A landed grant file\u2019s content is missing from the clone.",
  E_UNAPPROVED_LANDING: "A grant landed without enough eligible approvals: it grants nothing.",
  E_LANDING_REJECTED: "The forge\u2019s record of how a grant landed fails I1\u2013I3 or grantops did not merge it.",
  E_LANDING_UNVERIFIED: "The forge could not be asked how a grant landed: it waits, not granted.",
  E_HISTORY_REWRITTEN: "The branch no longer descends from the commit reconcile last acted on.",
  E_PROVIDER_STATE: "A provider could not be read, so nothing is planned for it.",
  E_NOT_PLANNED: "A grant waits on a provider that could not be read.",
  E_PROVIDER_MISSING: "A grant\u2019s provider was not read at all.",
  E_PROVIDER_APPLY: "A provider failed to apply a grant or revocation.",
  // Providers: the systems access is given in.
  E_PROVIDER: "A provider call failed (a database error, a command that failed, \u2026).",
  E_PROVIDER_TYPE: "A provider in the policies has a type grantops does not know.",
  E_PROVIDER_IDENTITY: "A grant\u2019s identity or target is not a valid name at the provider.",
  E_PROVIDER_IDENTITY_MISSING: "The person\u2019s identity does not exist at the provider.",
  E_PROVIDER_TARGET_MISSING: "The role\u2019s target (database role, team) does not exist there.",
  E_PROVIDER_CANNOT_GRANT: "grantops\u2019 own account at the provider may not grant the target.",
  E_AWS_API: "AWS answered an unexpected error.",
  E_AWS_ASSIGNMENT_FAILED: "AWS IAM Identity Center failed an account assignment.",
  E_AWS_ASSIGNMENT_PENDING: "An account assignment had not finished after the last status check.",
  E_AWS_CONFLICT: "AWS kept refusing a change while another one to it was in progress.",
  E_AWS_CREDENTIALS: "No AWS credentials were found.",
  E_AWS_FORBIDDEN: "AWS denied grantops\u2019 role an action it needs.",
  E_GITHUB_TEAM_IDP_SYNCED: "The team\u2019s members come from an identity provider: GitHub refuses.",
  // The forge: requests, approvals, merges and expiry reverts (GitHub or local).
  E_REQUEST_NOT_FOUND: "No open request by that name or number.",
  E_REQUEST_OPEN: "A request branch for this role and person already exists.",
  E_RENEWAL_UNCHANGED: "A renewal would write the same file as on main.",
  E_IDENTITY_UNKNOWN: "A commit\u2019s author or committer cannot be read as a GitHub login.",
  E_APPROVAL_NOT_ON_HEAD: "An approval was given on an earlier commit of the request.",
  E_LOGIN: "A login given to approve is not a GitHub login.",
  E_HEAD_MOVED: "The request changed after it was judged; nothing was merged.",
  E_MERGE_CONFLICT: "The change no longer applies to the base branch.",
  E_MERGE_REFUSED: "The forge refused the merge.",
  E_EXPIRY_BRANCH: "A branch is not the expiry branch of the grant it is used for.",
  E_EXPIRY_NO_FILE: "The grant file to expire is not on the base branch.",
  E_EXPIRY_RACE: "An expiry branch vanished while it was being opened.",
  E_EXPIRY_STALE: "The expiry branch holds another version of the grant than the one judged.",
  E_GITHUB_API: "GitHub answered an unexpected error.",
  E_GITHUB_AUTH: "GitHub refused the token (invalid or expired).",
  E_GITHUB_FORBIDDEN: "The token lacks a permission the call needs.",
  E_GITHUB_RATE_LIMITED: "GitHub\u2019s rate limit held after the allowed retries.",
  E_GITHUB_UNREACHABLE: "GitHub could not be reached.",
  // git: reading and writing the access repository.
  E_GIT: "A git command failed.",
  E_GIT_NOT_FOUND: "There is no git on PATH.",
  E_GIT_REF: "A branch, ref or revision does not exist.",
  E_GIT_FETCH: "git could not fetch commits the command needs.",
  E_GIT_UNSAFE_REPO: "git refuses the folder: it belongs to another user (safe.directory).",
  E_NOT_A_GIT_REPO: "The --repo folder is not a git repository.",
  E_REPO_NOT_FOUND: "The --repo folder does not exist, or is a file.",
  E_SHALLOW_CLONE: "The clone is shallow and could not be deepened.",
  E_WORKTREE_CHANGES: "The branch to move is checked out with local changes in the way.",
  // Usage and setup.
  E_USAGE: "Bad command, flags or arguments.",
  E_CONFIG: "grantops\u2019 setup is missing or invalid (an environment variable, a key, a file).",
  E_ACTION_EVENT: "The action could not read the pull request from GitHub\u2019s event payload.",
  E_DEMO_DATABASE: "The demo could not prepare its PostgreSQL database."
};
function isCode(text) {
  return Object.hasOwn(CODES, text);
}

export {
  PARAMS_CODE,
  isCode
};
