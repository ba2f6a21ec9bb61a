import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ANNOTATIONS_PER_CALL
} from "./chunk-DNXJ7DRY.js";
import {
  escapeChar
} from "./chunk-KLQUP7ME.js";

// src/github/report-text.ts
var MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~]/g;
var HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
var CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
var HIDDEN = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu;
var visible = (text) => text.replace(HIDDEN, escapeChar);
function mdText(text, max = 500) {
  const flat = text.replace(CONTROLS, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return visible(cut).replace(/[&<>]/g, (c) => HTML[c]).replace(MD_SPECIAL, (c) => `\\${c}`).replace(/@/g, "@\u200B");
}
var code = (text) => `\`${visible(text.slice(0, 200)).replace(/[`\n\r]/g, "'").replace(CONTROLS, " ").replace(/\|/g, "\\|")}\``;
var ICON = { success: "\u2705", pending: "\u23F3", failure: "\u274C" };
function duration(seconds) {
  if (seconds === null) return "\u2014";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds % 3600 / 60);
  return [h ? `${h}h` : "", m ? `${m}m` : "", !h && !m ? `${seconds}s` : ""].join("");
}
function cardMarkdown(report) {
  const lines = [`### ${ICON[report.conclusion]} grantops: ${mdText(report.summary, 200)}`, ""];
  if (report.grants.length) {
    lines.push("| grant file | role | for | change | window | approvals needed |");
    lines.push("| --- | --- | --- | --- | --- | --- |");
    for (const g of report.grants) {
      lines.push(
        `| ${code(g.path)} | ${mdText(g.role, 80)} | ${mdText(g.requester, 60)} | ${g.change} | ${duration(g.duration_seconds)} | ${g.approvals_required ?? "\u2014"} |`
      );
    }
    lines.push("");
  }
  for (const e of report.approvals.eligible) lines.push(...whoMayApprove(e), "");
  const counted = report.approvals.counted.map((l) => mdText(l, 60));
  lines.push(`**Approvals that count:** ${counted.length ? counted.join(", ") : "none yet"}`);
  for (const i of report.approvals.ignored)
    lines.push(`- not counted: ${mdText(i.login, 60)} (${mdText(i.why, 200)})`);
  if (report.problems.length) {
    lines.push("", "**What to fix**", "");
    for (const p of report.problems) {
      const where = p.line ? `${p.path}:${p.line}` : p.path;
      lines.push(`- ${code(where)} ${code(p.code)} ${mdText(p.message, 1e3)}`);
    }
  }
  lines.push(
    "",
    `<sub>Decided on ${code(report.head.slice(0, 12))}. This comment is updated in place by grantops; a new commit or review starts a new decision.</sub>`
  );
  return lines.join("\n");
}
function whoMayApprove(e) {
  const who = e.may_approve.map((p) => mdText(p, 100));
  const lines = [
    `**Who may approve** ${code(e.role)} (${e.required} approval${e.required === 1 ? "" : "s"} needed): ${who.length ? who.join(", ") : "nobody (every approver of the role asked for it or pushed to it): ask an admin"}`
  ];
  for (const x of e.excluded)
    lines.push(`- cannot approve this request: ${mdText(x.login, 60)} (${mdText(x.why, 200)})`);
  return lines;
}
function checkAnnotations(report) {
  return report.problems.slice(0, ANNOTATIONS_PER_CALL).map((p) => ({
    path: p.path,
    line: p.line,
    level: "failure",
    title: p.code,
    message: p.message
  }));
}

export {
  mdText,
  cardMarkdown,
  whoMayApprove,
  checkAnnotations
};
