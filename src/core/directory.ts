/**
 * The Directory port: who is in an @org/team. The request validator is pure, so the shell asks
 * the directory for every team a decision needs before it runs, and hands over the answers.
 * `null` means the team could not be resolved; a rule that needs it then fails: an unresolved
 * team is never a pass.
 */
export interface Directory {
  members(team: string): Promise<readonly string[] | null>;
}

/** A directory that knows no team: offline checks with teams in the policy fail closed. */
export const emptyDirectory: Directory = { members: async () => null };

/** A directory from a plain map, e.g. read from a file or built by a test. */
export function staticDirectory(teams: Readonly<Record<string, readonly string[]>>): Directory {
  const byLower = new Map(
    Object.entries(teams).map(([k, v]) => [k.toLowerCase(), v.map((m) => m.toLowerCase())]),
  );
  return { members: async (team) => byLower.get(team.toLowerCase()) ?? null };
}
