import type { Code } from './codes.js';
import { formatProblem, type Problem } from './problem.js';

/**
 * The few typed errors grantops throws. They are caught once, at the edge (cli.ts / action.ts),
 * where they become an exit code: a decision against a request is not an error (it is a result
 * with problems, exit 1); these are for what stops grantops from deciding at all (exit 2).
 */
export class GrantopsError extends Error {
  readonly exitCode: number = 2;
  constructor(
    readonly code: Code,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The message followed by one line per problem. */
  describe(): string {
    return [this.message, ...this.problems.map((p) => `  ${formatProblem(p)}`)].join('\n');
  }
}

/** Bad flags or arguments. */
export class UsageError extends GrantopsError {
  constructor(message: string) {
    super('E_USAGE', message);
  }
}

/** The access repository's policies (or grantops' own setup) are invalid: an admin must fix them. */
export class ConfigError extends GrantopsError {
  constructor(message: string, problems: Problem[] = [], code: Code = 'E_CONFIG') {
    super(code, message, problems);
  }
}

/** Something grantops depends on failed: git, a provider, the forge. */
export class ExternalError extends GrantopsError {
  constructor(code: Code, message: string) {
    super(code, message);
  }
}
