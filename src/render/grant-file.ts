/**
 * A grant file as `grantops request` writes it (DESIGN §2). Values the requester typed are
 * written as JSON strings, which YAML reads back exactly (double-quoted scalars): nothing typed
 * can start a new key, a comment or a document. Param values that are plain words stay plain, so
 * the role's params schema can read `3` as a number where it asks for one.
 */
export interface GrantFileFields {
  duration: string;
  reason: string;
  ticket?: string;
  start?: string;
  params?: Readonly<Record<string, string>>;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
/** Words YAML 1.1 readers (editors, other tools) would turn into booleans: written quoted. */
const AMBIGUOUS = /^(?:y|n|yes|no|on|off|~)$/i;

const scalar = (v: string) => (PLAIN.test(v) && !AMBIGUOUS.test(v) ? v : JSON.stringify(v));

export function grantFileText(f: GrantFileFields): string {
  const lines = [
    '# yaml-language-server: $schema=../../schemas/grant.schema.json',
    `duration: ${scalar(f.duration)}`,
    `reason: ${JSON.stringify(f.reason)}`,
  ];
  if (f.ticket !== undefined) lines.push(`ticket: ${JSON.stringify(f.ticket)}`);
  if (f.start !== undefined) lines.push(`start: ${JSON.stringify(f.start)}`);
  const params = Object.entries(f.params ?? {});
  if (params.length) {
    lines.push('params:');
    for (const [k, v] of params) lines.push(`  ${JSON.stringify(k)}: ${scalar(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
