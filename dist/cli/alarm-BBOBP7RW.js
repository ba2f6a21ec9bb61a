#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  mdText
} from "./chunk-FNVVKEHN.js";
import "./chunk-VMJLJP6R.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";

// src/github/alarm.ts
var ALARM_LABEL = "grantops:alarm";
var alarmMarker = (key) => `<!-- grantops:alarm ${key.replace(/[^A-Za-z0-9:._-]/g, "_")} -->`;
function landingAlarm(landing) {
  const path = landing.path.replace(/[^A-Za-z0-9._/-]/g, "_").slice(0, 120);
  const commit = landing.commit.replace(/[^0-9a-f]/g, "").slice(0, 40);
  return {
    key: `landing:${commit}`,
    title: `grantops: ${path} landed without grantops' decision (${commit.slice(0, 10)})`,
    body: [
      `**A grant landed on the branch without passing grantops' decision. It grants nothing.**`,
      "",
      `- File: \`${path}\``,
      `- Landing commit: ${commit}`,
      `- Code: \`E_LANDING_REJECTED\``,
      "",
      mdText(landing.message, 4e3),
      "",
      "Every reconcile run fails and reports this landing until the file is reverted. Close this issue once it is."
    ].join("\n")
  };
}
async function raiseAlarm(octokit, repo, alarm, botLogin) {
  return (await raiseAlarms(octokit, repo, [alarm], botLogin))[0];
}
async function raiseAlarms(octokit, repo, alarms, botLogin) {
  if (alarms.length === 0) return [];
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    state: "open",
    labels: ALARM_LABEL,
    per_page: 100
  });
  const ours = open.filter(
    (i) => i.user?.login.toLowerCase() === botLogin.toLowerCase() && !i.pull_request
  );
  const raised = /* @__PURE__ */ new Map();
  const out = [];
  for (const alarm of alarms) {
    const marker = alarmMarker(alarm.key);
    const existing = raised.get(marker) ?? ours.find((i) => (i.body ?? "").includes(marker))?.number;
    if (existing !== void 0) {
      out.push({ issue: existing, created: false });
      continue;
    }
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: alarm.title.slice(0, 256),
      body: `${marker}
${alarm.body}`.slice(0, 65536),
      labels: [ALARM_LABEL]
    });
    raised.set(marker, data.number);
    out.push({ issue: data.number, created: true });
  }
  return out;
}
export {
  ALARM_LABEL,
  alarmMarker,
  landingAlarm,
  raiseAlarm,
  raiseAlarms
};
