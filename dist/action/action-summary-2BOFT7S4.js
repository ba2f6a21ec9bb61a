import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  isCode
} from "./chunk-KDCOSSMB.js";
import {
  markdownText
} from "./chunk-CUYCPMPS.js";
import {
  formatDuration
} from "./chunk-FQZU7CBE.js";
import {
  escapePath,
  safeOutput
} from "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";

// src/render/action-summary.ts
var MAX_JSON_SHOWN = 256 * 1024;
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function errorOf(result) {
  return isObject(result) && isObject(result.error) ? result.error : null;
}
function decisionOf(command, result) {
  return command === "validate" && isObject(result) && typeof result.valid === "boolean" ? result : null;
}
function actionOutputs(command, result) {
  const outputs = { result: safeOutput(JSON.stringify(result), true) };
  const decision = decisionOf(command, result);
  if (decision) {
    outputs.valid = String(decision.valid);
    outputs.approved = decision.approved === null ? "" : String(decision.approved);
  }
  return outputs;
}
function failureMessage(command, code, result) {
  const error = result && errorOf(result);
  if (error) {
    const problems = (error.problems ?? []).map((p) => `
  ${problemLine(p)}`).join("");
    return safeOutput(`${error.code}: ${error.message}${problems}`);
  }
  const decision = result && decisionOf(command, result);
  if (decision) {
    const codes = [...new Set(decision.problems.map((p) => p.code))].join(", ");
    const what = decision.valid ? "The access request is valid but not approved yet" : "This is not a valid access request";
    return `${what}${codes ? ` (${codes})` : ""}. The job summary lists what to fix.`;
  }
  return `grantops ${command} failed (exit ${code}). The job summary and the log above say why.`;
}
function actionSummary(command, code, result) {
  const error = errorOf(result);
  if (error) {
    const lines = [
      `## \u2717 grantops ${markdownText(command)}: ${codeCell(error.code)}`,
      "",
      markdownText(error.message, 2e3)
    ];
    if (error.problems?.length) lines.push("", ...problemTable(error.problems));
    return `${lines.join("\n")}
`;
  }
  const decision = decisionOf(command, result);
  if (decision) return decisionSummary(decision);
  const verdict = code === 0 ? "\u2713" : "\u2717";
  return `## ${verdict} grantops ${markdownText(command)} (exit ${code})

${jsonBlock(result)}
`;
}
function decisionSummary(d) {
  const verdict = !d.valid ? "\u2717 Not a valid access request" : d.approved === false ? "\u2717 Valid access request, not approved yet" : d.approved ? "\u2713 Valid and approved access request" : "\u2713 Valid access request";
  const lines = [`## ${verdict}`, ""];
  if (d.grants.length) {
    lines.push(
      "| Change | Grant file | Role | Requester | Duration | Approvals |",
      "|---|---|---|---|---|---|"
    );
    for (const g of d.grants) {
      const approvals = g.approvals_required === void 0 || g.change === "revoked" ? "" : g.approved_by ? `${g.approved_by.length}/${g.approvals_required} ${markdownText(g.approved_by.join(", "))}` : `needs ${g.approvals_required}`;
      const cells = [
        markdownText(g.change),
        markdownText(escapePath(g.path), 300),
        markdownText(g.role),
        markdownText(g.requester),
        g.duration_seconds === null ? "" : formatDuration(g.duration_seconds),
        approvals
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  if (d.problems.length) lines.push(...problemTable(d.problems));
  return `${lines.join("\n")}
`;
}
function problemTable(problems) {
  const rows = problems.map(
    (p) => `| ${markdownText(escapePath(p.path), 300)} | ${p.line ?? ""} | ${codeCell(p.code)} | ${markdownText(p.message, 2e3)} |`
  );
  const n = problems.length;
  return [
    `### ${n} problem${n > 1 ? "s" : ""}`,
    "",
    "| File | Line | Code | Problem |",
    "|---|---|---|---|",
    ...rows
  ];
}
function codeCell(code) {
  return isCode(code) ? `\`${code}\`` : markdownText(code);
}
function problemLine(p) {
  return `${escapePath(p.path, 200)}${p.line === null ? "" : `:${p.line}`}: ${p.code}: ${p.message}`;
}
function jsonBlock(result) {
  let text = safeOutput(JSON.stringify(result, null, 2), true);
  if (text.length > MAX_JSON_SHOWN)
    text = `${text.slice(0, MAX_JSON_SHOWN)}
\u2026 (cut here: the step's \`result\` output holds all of it)`;
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}json
${text}
${fence}`;
}
export {
  actionOutputs,
  actionSummary,
  failureMessage
};
