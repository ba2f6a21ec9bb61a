import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  gitLedger,
  grantsAt,
  openLedger
} from "./chunk-OWNVG5RX.js";
import {
  decideRequest
} from "./chunk-2ZI7UELM.js";
import {
  ledgerWithProgress
} from "./chunk-RZREFPUH.js";
import {
  directoryFromArgs
} from "./chunk-T5DEZ7P3.js";
import {
  isCode
} from "./chunk-KDCOSSMB.js";
import {
  iso
} from "./chunk-ZKAXKIEA.js";
import {
  listTree,
  readBlobs
} from "./chunk-5CDPNGCY.js";
import {
  printable,
  printablePath
} from "./chunk-CUYCPMPS.js";
import {
  git,
  providerSchemas,
  stringArg,
  tryResolveCommit
} from "./chunk-L2WRRIKU.js";
import {
  formatDuration
} from "./chunk-FQZU7CBE.js";
import {
  ExternalError,
  problem
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/core/landing-authority.ts
function refusedOutright(commit, path, message) {
  return {
    commit,
    passed: false,
    request: null,
    author: null,
    mergedBy: null,
    approvers: [],
    problems: [problem(path, null, "E_LANDING_REJECTED", message)],
    final: true
  };
}
function judgeLandingProof(q) {
  const where = q.changes.find((c) => c.path.startsWith("grants/"))?.path ?? "grants/";
  const { proof } = q;
  if (!proof) {
    return refusedOutright(
      q.commit,
      where,
      `No request merged ${q.commit.slice(0, 10)}: it was pushed to the branch directly (or arrived some other way than a merge grantops made).`
    );
  }
  const request = {
    id: proof.request,
    reference: proof.request,
    title: "",
    author: proof.author,
    base: { ref: "", sha: q.base },
    head: { ref: "", sha: proof.head },
    // The forge's pushers already hold every commit's author and committer.
    commits: [],
    pushers: proof.pushers,
    url: null
  };
  const decision = decideRequest({
    request,
    changes: q.changes,
    policy: q.policy,
    teams: q.teams,
    reviews: proof.reviews,
    now: q.landedAt
  });
  const problems = decision.approved ? [] : [...decision.problems];
  const mergedBy = proof.mergedBy?.toLowerCase() ?? null;
  if (mergedBy !== q.merger.toLowerCase()) {
    problems.unshift(
      problem(
        where,
        null,
        "E_LANDING_REJECTED",
        `${proof.request} was merged by ${mergedBy === null ? "an unknown account" : quote(mergedBy)}, not by grantops (${quote(q.merger)}): only grantops merges requests, so its decision and its audit trailers were skipped.`
      )
    );
  }
  const unreviewed = notAsApproved(q, proof.head);
  if (unreviewed) problems.push(problem(where, null, "E_LANDING_REJECTED", unreviewed));
  if (!decision.approved && problems.length === 0) {
    problems.push(problem(where, null, "E_APPROVALS_MISSING", "The request was not approved."));
  }
  return {
    commit: q.commit,
    passed: problems.length === 0,
    request: proof.request,
    author: decision.author,
    mergedBy,
    approvers: decision.approvals.counted,
    problems,
    final: problems.length === 0 || !mayChangeOnceTeamsResolve(problems, q.teams)
  };
}
function notAsApproved(q, head) {
  const byPath = new Map(q.files.map((f) => [f.path, f]));
  const differ = q.changes.map((c) => c.path).filter((path) => {
    const f = byPath.get(path);
    return !f || f.landed !== f.atHead;
  });
  if (differ.length === 0) return null;
  const paths = differ.slice(0, 5).map((p) => quote(p, 120));
  return `What landed in ${q.commit.slice(0, 10)} is not what the reviews approved: ${paths.join(", ")}${differ.length > 5 ? ", \u2026" : ""} differ${differ.length === 1 ? "s" : ""} from the request's final head ${head.slice(0, 10)}. The base changed the same file between the approval and the merge, and the merge combined both into a version nobody reviewed.`;
}
var TEAM_DEPENDENT = /* @__PURE__ */ new Set([
  "E_APPROVALS_MISSING",
  "E_APPROVAL_NOT_ON_HEAD",
  "E_TEAM_UNRESOLVED"
]);
function mayChangeOnceTeamsResolve(problems, teams) {
  const unresolved = [...teams.values()].some((members) => members === null);
  return unresolved && problems.every((p) => TEAM_DEPENDENT.has(p.code));
}
function rejectionMessage(path, v) {
  const from = v.request ? ` (${v.request}${v.author ? ` by ${quote(v.author)}` : ""})` : "";
  const reasons = v.problems.map((p) => `${p.code}: ${p.message}`).join(" ");
  return `${path} landed in ${v.commit.slice(0, 10)}${from}, and the forge's record of that landing does not pass, so it grants nothing. ${reasons} Revert the commit; the grantee asks again through a request that grantops merges.`;
}
function refuseLanding(landing, verdict) {
  if (landing.state !== "valid") return landing;
  return {
    ...landing,
    state: "unapproved",
    window: null,
    approval: landing.approval && { ...landing.approval, counted: [], approved: false },
    problems: [
      problem(landing.path, null, "E_LANDING_REJECTED", rejectionMessage(landing.path, verdict)),
      ...verdict.problems.filter((p) => p.code !== "E_LANDING_REJECTED")
    ]
  };
}

// src/core/refused-landings.ts
function withRefusals(ledger, refused) {
  if (refused.size === 0) return ledger;
  return {
    ref: ledger.ref,
    commit: ledger.commit,
    async grants(opts) {
      return (await ledger.grants(opts)).map((r) => {
        const verdict = refused.get(r.commit);
        if (!verdict || r.landing.state !== "valid") return r;
        return { ...r, landing: refuseLanding(r.landing, verdict), approvers: [] };
      });
    },
    history(onCommit) {
      return ledger.history((c) => {
        const verdict = refused.get(c.oid);
        if (!verdict) return onCommit(c);
        return onCommit({
          ...c,
          changes: c.changes.map(
            (change) => change.landing ? { ...change, landing: refuseLanding(change.landing, verdict) } : change
          )
        });
      });
    },
    descendsFrom: (commit) => ledger.descendsFrom(commit)
  };
}

// src/git/verdicts.ts
import { createHmac, timingSafeEqual } from "node:crypto";
var VERDICTS_REF = "refs/grantops/verdicts";
function verdictSeal(secret, scope) {
  return {
    key: createHmac("sha256", secret).update(`grantops landing verdicts v2\0${scope.repository.toLowerCase()}\0${scope.branch}`).digest()
  };
}
var macOf = (seal, commit, passed) => createHmac("sha256", seal.key).update(`grantops-verdict-v2\0${commit}\0${passed ? "passed" : "failed"}`).digest("hex");
function sealed(seal, commit, passed, mac) {
  if (typeof mac !== "string" || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, "hex"), Buffer.from(macOf(seal, commit, passed), "hex"));
}
var SHA = /^[0-9a-f]{40}$/;
var SIGNATURE = { name: "grantops", email: "grantops@users.noreply.github.com" };
async function readVerdicts(repo, seal) {
  const tip = await tryResolveCommit(repo, VERDICTS_REF);
  const out = { tip, judged: /* @__PURE__ */ new Set(), refused: /* @__PURE__ */ new Map(), unsealed: 0 };
  if (!tip) return out;
  const entries = [];
  for (const e of await listTree(repo, tip, ["passed/", "failed/"])) {
    const [kind, commit = ""] = e.path.split("/");
    if (e.type === "blob" && SHA.test(commit))
      entries.push({ commit, passed: kind === "passed", oid: e.oid });
  }
  const blobs = await readBlobs(
    repo,
    entries.filter((e) => seal || !e.passed).map((e) => e.oid)
  );
  for (const e of entries) {
    const data = seal || !e.passed ? parseJson(blobs.get(e.oid)) : {};
    if (seal && !sealed(seal, e.commit, e.passed, data.mac)) {
      out.unsealed += 1;
      continue;
    }
    out.judged.add(e.commit);
    if (!e.passed) out.refused.set(e.commit, failedVerdict(e.commit, data));
  }
  return out;
}
async function rememberVerdicts(repo, verdicts, at, seal, known) {
  const final = verdicts.filter((v) => v.final && SHA.test(v.commit));
  if (final.length === 0) return;
  let seen = known;
  for (let attempt = 0; attempt < 5; attempt++) {
    seen ??= await readVerdicts(repo, seal);
    const judged = seen.judged;
    const fresh = final.filter((v) => !judged.has(v.commit));
    if (fresh.length === 0) return;
    if (await importVerdicts(repo, seen.tip, fresh, at, seal)) return;
    seen = void 0;
  }
}
async function importVerdicts(repo, tip, verdicts, at, seal) {
  const passed = verdicts.filter((v) => v.passed).length;
  const message = `Landing verdicts: ${passed} passed, ${verdicts.length - passed} failed

${verdicts.map((v) => `${v.passed ? "passed" : "failed"} ${v.commit}`).join("\n")}
`;
  const data = (text) => `data ${Buffer.byteLength(text)}
${text}
`;
  const who = `${SIGNATURE.name} <${SIGNATURE.email}> ${Math.floor(at.getTime() / 1e3)} +0000`;
  const stream = [
    `commit ${VERDICTS_REF}
`,
    `author ${who}
`,
    `committer ${who}
`,
    data(message),
    tip ? `from ${tip}
` : "",
    // A path is removed before it is written: an unsealed entry of either outcome goes.
    ...verdicts.flatMap((v) => [
      `D passed/${v.commit}
`,
      `D failed/${v.commit}
`,
      `M 100644 inline ${v.passed ? "passed" : "failed"}/${v.commit}
`,
      data(verdictJson(v, at, seal))
    ]),
    // `done` (with --done): a stream cut short writes nothing.
    "\ndone\n"
  ].join("");
  const r = await git(repo, ["fast-import", "--quiet", "--done"], stream);
  if (r.code === 0) return true;
  if (/Not updating|but expected|reference already exists|\.lock': File exists/.test(r.stderr))
    return false;
  throw new ExternalError(
    "E_GIT",
    `git fast-import could not write ${VERDICTS_REF}: ${r.stderr.trim()}. Fix what git reports, then run again.`
  );
}
function verdictJson(v, at, seal) {
  return `${JSON.stringify(
    {
      commit: v.commit,
      passed: v.passed,
      request: v.request,
      author: v.author,
      merged_by: v.mergedBy,
      approvers: v.approvers,
      problems: v.problems,
      judged_at: iso(at),
      mac: macOf(seal, v.commit, v.passed)
    },
    null,
    2
  )}
`;
}
function parseJson(bytes) {
  try {
    const parsed = JSON.parse(bytes?.toString("utf8") ?? "");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}
function failedVerdict(commit, data) {
  const text = (v) => typeof v === "string" ? v : null;
  const problems = Array.isArray(data.problems) ? data.problems.flatMap((p) => {
    const o = p ?? {};
    const code = text(o.code);
    const message = text(o.message);
    if (!code || !isCode(code) || !message) return [];
    return [{ path: text(o.path) ?? "grants/", line: null, code, message }];
  }) : [];
  if (problems.length === 0) {
    problems.push({
      path: "grants/",
      line: null,
      code: "E_LANDING_REJECTED",
      message: `The remembered verdict on ${commit.slice(0, 10)} (${VERDICTS_REF}) says it failed.`
    });
  }
  return {
    commit,
    passed: false,
    request: text(data.request),
    author: text(data.author),
    mergedBy: text(data.merged_by),
    approvers: Array.isArray(data.approvers) ? data.approvers.filter((a) => typeof a === "string") : [],
    problems,
    final: true
  };
}

// node_modules/ansi-regex/index.js
var ST = String.raw`(?:\u001B\u005C|\u009C)`;
var stringControls = String.raw`\u0018\u001A\u001B\u0080-\u009F`;
var osc = String.raw`(?:\u001B\]|\u009D)[^\u0007${stringControls}]*(?:\u0007|${ST})`;
var controlString = String.raw`(?:\u001B[PX^_k]|[\u0090\u0098\u009E\u009F])[^${stringControls}]*${ST}`;
var linuxPalette = String.raw`\u001B\](?:P[\dA-Fa-f]{7}|R)(?:\u0007|${ST})?`;
var csi = String.raw`(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]`;
var escape = String.raw`\u001B(?:[\u0020-\u002F]+[\u0030-\u007E]|[\dA-PR-TZcf-oq-uy=><~|}])`;
var pattern = `${linuxPalette}|${osc}|${controlString}|${csi}|${escape}`;
function ansiRegex({ onlyFirst = false } = {}) {
  return new RegExp(pattern, onlyFirst ? void 0 : "g");
}

// node_modules/strip-ansi/index.js
var regex = ansiRegex();
function stripAnsi(string) {
  if (typeof string !== "string") {
    throw new TypeError(`Expected a \`string\`, got \`${typeof string}\``);
  }
  if (!string.includes("\x1B") && !string.includes("\x9B")) {
    return string;
  }
  return string.replace(regex, "");
}

// node_modules/get-east-asian-width/lookup-data.js
var ambiguousMinimalCodePoint = 161;
var ambiguousMaximumCodePoint = 1114109;
var ambiguousRanges = [161, 161, 164, 164, 167, 168, 170, 170, 173, 174, 176, 180, 182, 186, 188, 191, 198, 198, 208, 208, 215, 216, 222, 225, 230, 230, 232, 234, 236, 237, 240, 240, 242, 243, 247, 250, 252, 252, 254, 254, 257, 257, 273, 273, 275, 275, 283, 283, 294, 295, 299, 299, 305, 307, 312, 312, 319, 322, 324, 324, 328, 331, 333, 333, 338, 339, 358, 359, 363, 363, 462, 462, 464, 464, 466, 466, 468, 468, 470, 470, 472, 472, 474, 474, 476, 476, 593, 593, 609, 609, 708, 708, 711, 711, 713, 715, 717, 717, 720, 720, 728, 731, 733, 733, 735, 735, 768, 879, 913, 929, 931, 937, 945, 961, 963, 969, 1025, 1025, 1040, 1103, 1105, 1105, 8208, 8208, 8211, 8214, 8216, 8217, 8220, 8221, 8224, 8226, 8228, 8231, 8240, 8240, 8242, 8243, 8245, 8245, 8251, 8251, 8254, 8254, 8308, 8308, 8319, 8319, 8321, 8324, 8364, 8364, 8451, 8451, 8453, 8453, 8457, 8457, 8467, 8467, 8470, 8470, 8481, 8482, 8486, 8486, 8491, 8491, 8531, 8532, 8539, 8542, 8544, 8555, 8560, 8569, 8585, 8585, 8592, 8601, 8632, 8633, 8658, 8658, 8660, 8660, 8679, 8679, 8704, 8704, 8706, 8707, 8711, 8712, 8715, 8715, 8719, 8719, 8721, 8721, 8725, 8725, 8730, 8730, 8733, 8736, 8739, 8739, 8741, 8741, 8743, 8748, 8750, 8750, 8756, 8759, 8764, 8765, 8776, 8776, 8780, 8780, 8786, 8786, 8800, 8801, 8804, 8807, 8810, 8811, 8814, 8815, 8834, 8835, 8838, 8839, 8853, 8853, 8857, 8857, 8869, 8869, 8895, 8895, 8978, 8978, 9312, 9449, 9451, 9547, 9552, 9587, 9600, 9615, 9618, 9621, 9632, 9633, 9635, 9641, 9650, 9651, 9654, 9655, 9660, 9661, 9664, 9665, 9670, 9672, 9675, 9675, 9678, 9681, 9698, 9701, 9711, 9711, 9733, 9734, 9737, 9737, 9742, 9743, 9756, 9756, 9758, 9758, 9792, 9792, 9794, 9794, 9824, 9825, 9827, 9829, 9831, 9834, 9836, 9837, 9839, 9839, 9886, 9887, 9919, 9919, 9926, 9933, 9935, 9939, 9941, 9953, 9955, 9955, 9960, 9961, 9963, 9969, 9972, 9972, 9974, 9977, 9979, 9980, 9982, 9983, 10045, 10045, 10102, 10111, 11094, 11097, 12872, 12879, 57344, 63743, 65024, 65039, 65533, 65533, 127232, 127242, 127248, 127277, 127280, 127337, 127344, 127373, 127375, 127376, 127387, 127404, 917760, 917999, 983040, 1048573, 1048576, 1114109];
var fullwidthMinimalCodePoint = 12288;
var fullwidthMaximumCodePoint = 65510;
var fullwidthRanges = [12288, 12288, 65281, 65376, 65504, 65510];
var wideMinimalCodePoint = 4352;
var wideMaximumCodePoint = 262141;
var wideRanges = [4352, 4447, 8986, 8987, 9001, 9002, 9193, 9196, 9200, 9200, 9203, 9203, 9725, 9726, 9748, 9749, 9776, 9783, 9800, 9811, 9855, 9855, 9866, 9871, 9875, 9875, 9889, 9889, 9898, 9899, 9917, 9918, 9924, 9925, 9934, 9934, 9940, 9940, 9962, 9962, 9970, 9971, 9973, 9973, 9978, 9978, 9981, 9981, 9989, 9989, 9994, 9995, 10024, 10024, 10060, 10060, 10062, 10062, 10067, 10069, 10071, 10071, 10133, 10135, 10160, 10160, 10175, 10175, 11035, 11036, 11088, 11088, 11093, 11093, 11904, 11929, 11931, 12019, 12032, 12245, 12272, 12287, 12289, 12350, 12353, 12438, 12441, 12543, 12549, 12591, 12593, 12686, 12688, 12773, 12783, 12830, 12832, 12871, 12880, 42124, 42128, 42182, 43360, 43388, 44032, 55203, 63744, 64255, 65040, 65049, 65072, 65106, 65108, 65126, 65128, 65131, 94176, 94180, 94192, 94198, 94208, 101594, 101631, 101664, 101760, 101874, 101888, 102801, 102816, 102866, 110576, 110579, 110581, 110587, 110589, 110590, 110592, 110888, 110898, 110898, 110928, 110930, 110933, 110933, 110948, 110952, 110960, 111355, 119552, 119638, 119648, 119670, 126980, 126980, 127183, 127183, 127374, 127374, 127377, 127386, 127406, 127406, 127488, 127490, 127504, 127547, 127552, 127560, 127568, 127569, 127584, 127589, 127744, 127776, 127789, 127797, 127799, 127868, 127870, 127891, 127904, 127946, 127951, 127955, 127968, 127984, 127988, 127988, 127992, 128062, 128064, 128064, 128066, 128252, 128255, 128317, 128331, 128334, 128336, 128359, 128378, 128378, 128405, 128406, 128420, 128420, 128507, 128591, 128640, 128709, 128716, 128716, 128720, 128722, 128725, 128729, 128732, 128735, 128747, 128748, 128756, 128764, 128986, 128986, 128992, 129003, 129008, 129008, 129292, 129338, 129340, 129349, 129351, 129535, 129648, 129660, 129664, 129734, 129736, 129736, 129740, 129757, 129759, 129771, 129775, 129786, 131072, 196605, 196608, 262141];

// node_modules/get-east-asian-width/utilities.js
var isInRange = (ranges, codePoint) => {
  let low = 0;
  let high = Math.floor(ranges.length / 2) - 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const i = mid * 2;
    if (codePoint < ranges[i]) {
      high = mid - 1;
    } else if (codePoint > ranges[i + 1]) {
      low = mid + 1;
    } else {
      return true;
    }
  }
  return false;
};

// node_modules/get-east-asian-width/lookup.js
var commonCjkCodePoint = 19968;
var [wideFastPathStart, wideFastPathEnd] = /* @__PURE__ */ findWideFastPathRange(wideRanges);
function findWideFastPathRange(ranges) {
  let fastPathStart = ranges[0];
  let fastPathEnd = ranges[1];
  for (let index = 0; index < ranges.length; index += 2) {
    const start = ranges[index];
    const end = ranges[index + 1];
    if (commonCjkCodePoint >= start && commonCjkCodePoint <= end) {
      return [start, end];
    }
    if (end - start > fastPathEnd - fastPathStart) {
      fastPathStart = start;
      fastPathEnd = end;
    }
  }
  return [fastPathStart, fastPathEnd];
}
var isAmbiguous = (codePoint) => {
  if (codePoint < ambiguousMinimalCodePoint || codePoint > ambiguousMaximumCodePoint) {
    return false;
  }
  return isInRange(ambiguousRanges, codePoint);
};
var isFullwidth = (codePoint) => {
  if (codePoint < fullwidthMinimalCodePoint || codePoint > fullwidthMaximumCodePoint) {
    return false;
  }
  return isInRange(fullwidthRanges, codePoint);
};
var isWide = (codePoint) => {
  if (codePoint >= wideFastPathStart && codePoint <= wideFastPathEnd) {
    return true;
  }
  if (codePoint < wideMinimalCodePoint || codePoint > wideMaximumCodePoint) {
    return false;
  }
  return isInRange(wideRanges, codePoint);
};

// node_modules/get-east-asian-width/index.js
function validate(codePoint) {
  if (!Number.isSafeInteger(codePoint)) {
    throw new TypeError(`Expected a code point, got \`${typeof codePoint}\`.`);
  }
}
function eastAsianWidth(codePoint, { ambiguousAsWide = false } = {}) {
  validate(codePoint);
  if (isFullwidth(codePoint) || isWide(codePoint) || ambiguousAsWide && isAmbiguous(codePoint)) {
    return 2;
  }
  return 1;
}

// node_modules/string-width/index.js
var segmenter = new Intl.Segmenter();
var visibleCharacterRegex = new RegExp("[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]", "v");
var spacingMarkRegex = new RegExp("\\p{Spacing_Mark}", "v");
var rgiEmojiRegex = new RegExp("^\\p{RGI_Emoji}$", "v");
var unqualifiedKeycapRegex = /^[\d#*]\u20E3$/;
var extendedPictographicRegex = new RegExp("\\p{Extended_Pictographic}", "gu");
function isDoubleWidthNonRgiEmojiSequence(segment) {
  if (segment.length > 50) {
    return false;
  }
  if (unqualifiedKeycapRegex.test(segment)) {
    return true;
  }
  if (segment.includes("\u200D")) {
    const pictographics = segment.match(extendedPictographicRegex);
    return pictographics !== null && pictographics.length >= 2;
  }
  return false;
}
function baseVisible(segment) {
  const index = segment.search(visibleCharacterRegex);
  return index === -1 ? void 0 : segment.slice(index);
}
function isHangulLeadingJamo(codePoint) {
  return codePoint >= 4352 && codePoint <= 4447 || codePoint >= 43360 && codePoint <= 43388;
}
function isHangulVowelJamo(codePoint) {
  return codePoint >= 4448 && codePoint <= 4519 || codePoint >= 55216 && codePoint <= 55238;
}
function isHangulTrailingJamo(codePoint) {
  return codePoint >= 4520 && codePoint <= 4607 || codePoint >= 55243 && codePoint <= 55291;
}
function isHangulJamo(codePoint) {
  return isHangulLeadingJamo(codePoint) || isHangulVowelJamo(codePoint) || isHangulTrailingJamo(codePoint);
}
function hangulClusterWidth(visibleSegment, eastAsianWidthOptions) {
  const codePoints = [];
  for (const character of visibleSegment) {
    if (!visibleCharacterRegex.test(character)) {
      continue;
    }
    codePoints.push(character.codePointAt(0));
  }
  if (codePoints.length === 0) {
    return void 0;
  }
  let width = 0;
  for (let index = 0; index < codePoints.length; index++) {
    const codePoint = codePoints[index];
    if (!isHangulJamo(codePoint)) {
      if (width === 0) {
        return void 0;
      }
      for (let remaining = index; remaining < codePoints.length; remaining++) {
        width += eastAsianWidth(codePoints[remaining], eastAsianWidthOptions);
      }
      return width;
    }
    if (isHangulLeadingJamo(codePoint) && isHangulVowelJamo(codePoints[index + 1])) {
      width += 2;
      index += isHangulTrailingJamo(codePoints[index + 2]) ? 2 : 1;
      continue;
    }
    width += eastAsianWidth(codePoint, eastAsianWidthOptions);
  }
  return width;
}
function trailingWidth(visibleSegment, eastAsianWidthOptions) {
  let extra = 0;
  let first = true;
  for (const character of visibleSegment) {
    if (first) {
      first = false;
      continue;
    }
    if (spacingMarkRegex.test(character) || character >= "\uFF00" && character <= "\uFFEF") {
      extra += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);
    }
  }
  return extra;
}
function stringWidth(input, options = {}) {
  if (typeof input !== "string" || input.length === 0) {
    return 0;
  }
  const {
    ambiguousIsNarrow = true,
    countAnsiEscapeCodes = false
  } = options;
  let string = input;
  if (!countAnsiEscapeCodes && (string.includes("\x1B") || string.includes("\x9B"))) {
    string = stripAnsi(string);
  }
  if (string.length === 0) {
    return 0;
  }
  if (/^[\u0020-\u007E]*$/.test(string)) {
    return string.length;
  }
  let width = 0;
  const eastAsianWidthOptions = { ambiguousAsWide: !ambiguousIsNarrow };
  for (const { segment } of segmenter.segment(string)) {
    const visibleSegment = baseVisible(segment);
    if (visibleSegment === void 0) {
      continue;
    }
    if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {
      width += 2;
      continue;
    }
    const hangulWidth = hangulClusterWidth(visibleSegment, eastAsianWidthOptions);
    if (hangulWidth !== void 0) {
      width += hangulWidth;
      continue;
    }
    const codePoint = visibleSegment.codePointAt(0);
    width += eastAsianWidth(codePoint, eastAsianWidthOptions);
    width += trailingWidth(visibleSegment, eastAsianWidthOptions);
  }
  return width;
}

// src/render/table.ts
function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => printable(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => stringWidth(r[i] ?? ""))));
  return cells.map(
    (r) => r.map((c, i) => i === r.length - 1 ? c : c + " ".repeat(widths[i] - stringWidth(c))).join("  ").trimEnd()
  ).join("\n");
}
function shortTime(d) {
  if (!d) return "-";
  return d.toISOString().slice(0, 16).replace("T", " ");
}

// src/render/grants.ts
function grantJson(e) {
  return {
    role: e.role,
    requester: e.requester,
    path: e.path,
    state: e.state,
    starts_at: e.startsAt ? iso(e.startsAt) : null,
    expires_at: e.expiresAt ? iso(e.expiresAt) : null,
    landed_at: iso(e.landedAt),
    commit: e.commit,
    seconds_left: e.secondsLeft,
    duration_seconds: e.durationSeconds,
    capped: e.capped,
    reason: e.reason,
    ticket: e.ticket,
    approvers: e.approvers,
    approvals_required: e.approvalsRequired,
    not_counted: e.notCounted.map((n) => ({ value: n.value, why: n.why })),
    pr: e.pr,
    source: e.source,
    problems: e.problems
  };
}
function left(e) {
  if (e.secondsLeft === null) return "-";
  return e.state === "scheduled" ? `in ${formatDuration(e.secondsLeft)}` : formatDuration(e.secondsLeft);
}
function grantsText(entries, title) {
  const valid = entries.filter((e) => e.state !== "invalid" && e.state !== "unapproved");
  const unapproved = entries.filter((e) => e.state === "unapproved");
  const invalid = entries.filter((e) => e.state === "invalid");
  const count = (s) => valid.filter((e) => e.state === s).length;
  const lines = [
    `${title}: ${count("active")} active, ${count("scheduled")} scheduled${unapproved.length ? `, ${unapproved.length} unapproved` : ""}${invalid.length ? `, ${invalid.length} invalid` : ""} (times in UTC)`
  ];
  if (valid.length) {
    lines.push(
      "",
      table(
        ["ROLE", "REQUESTER", "STATE", "STARTS", "EXPIRES", "LEFT", "LANDED", "COMMIT"],
        valid.map((e) => [
          e.role,
          e.requester,
          e.state,
          shortTime(e.startsAt),
          shortTime(e.expiresAt),
          left(e),
          shortTime(e.landedAt),
          e.commit.slice(0, 10)
        ])
      )
    );
  }
  const refused = unapproved.filter(refusedByForge);
  const unreviewed = unapproved.filter((e) => !refusedByForge(e));
  if (refused.length) {
    lines.push(
      "",
      "Landings the forge refused (they grant nothing and raise E_LANDING_REJECTED: the forge's record of how they landed fails, whatever their trailers say; revert them, and ask again through a request grantops merges):"
    );
    for (const e of refused) {
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(", ")}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)})`
      );
    }
  }
  if (unreviewed.length) {
    lines.push(
      "",
      "Unapproved landings (they grant nothing and raise E_UNAPPROVED_LANDING; revert them, or land the request through grantops):"
    );
    for (const e of unreviewed) {
      const counted = `${e.approvers.length}/${e.approvalsRequired ?? "?"} approvals counted`;
      const notCounted = e.notCounted.length ? `; not counted: ${e.notCounted.map((n) => `${quote(n.value)} (${n.why})`).join("; ")}` : "";
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(", ")}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)}; ${counted}${notCounted})`
      );
    }
  }
  if (invalid.length) {
    lines.push("", "Invalid grant files (they grant nothing; fix or delete them):");
    for (const e of invalid) {
      lines.push(
        `  ${printablePath(e.path)}  ${e.problems.join(", ")}  (landed ${shortTime(e.landedAt)} in ${e.commit.slice(0, 10)})`
      );
    }
  }
  return lines.join("\n");
}
var refusedByForge = (e) => e.problems.includes("E_LANDING_REJECTED");

// src/commands/status.ts
var LEDGER_OPTIONS = {
  ref: {
    type: "string",
    help: "Branch or commit holding the grants (default: origin/HEAD, origin/main, main, then HEAD)."
  },
  directory: {
    type: "string",
    help: 'Where @org/team members come from, to judge requesters and approvers named only through a team: github (the REST API) or a YAML file ("@org/team": [login, \u2026]). Without it, no team member counts.'
  },
  "token-env": {
    type: "string",
    help: "With --directory github: the environment variable holding a token that can read the organization's teams (default GITHUB_TOKEN)."
  }
};
async function ledgerFromArgs(ctx, args, seams = {}, refused) {
  const [at, verdicts] = await Promise.all([
    openLedger(ctx.repo, stringArg(args, "ref"), ctx.stderr),
    refused ? Promise.resolve(refused).then((r) => ({ refused: r })) : readVerdicts(ctx.repo)
  ]);
  const given = stringArg(args, "directory") !== void 0;
  const ledger = gitLedger(ctx.repo, at, {
    schemas: providerSchemas,
    ...given ? { directory: await directoryFromArgs(ctx, args, seams) } : {}
  });
  return withRefusals(ledgerWithProgress(ledger, ctx.progress), verdicts.refused);
}
function listed(entries) {
  return `${entries.map((e) => printablePath(e.path)).slice(0, 5).join(", ")}${entries.length > 5 ? ", \u2026" : ""}`;
}
var statusCommand = {
  name: "status",
  summary: "Show the grants on the main branch that are active or scheduled now.",
  usage: "grantops status [--ref REF] [--now TIME] [--directory github|FILE] [--format text|json]",
  options: LEDGER_OPTIONS,
  formats: ["text", "json"],
  async run(ctx, args) {
    const ledger = await ledgerFromArgs(ctx, args);
    const now = ctx.clock.now();
    const records = await ledger.grants();
    const entries = grantsAt(records, now);
    const expired = grantsAt(records, now, ["expired"]);
    if (expired.length) {
      ctx.stderr(
        `grantops: note: ${expired.length} expired grant file(s) are still on ${printable(ledger.ref, 100)} (their access has ended; the revert that records it is due): ${listed(expired)}`
      );
    }
    const unapproved = entries.filter((e) => e.state === "unapproved");
    const refused = unapproved.filter(refusedByForge);
    const unreviewed = unapproved.filter((e) => !refusedByForge(e));
    if (refused.length) {
      ctx.stderr(
        `grantops: warning: ${refused.length} grant file(s) on ${printable(ledger.ref, 100)} landed in a way the forge's record refuses (E_LANDING_REJECTED) and grant nothing; reconcile raises an alarm for each until it is reverted: ${listed(refused)}`
      );
    }
    if (unreviewed.length) {
      ctx.stderr(
        `grantops: warning: ${unreviewed.length} grant file(s) on ${printable(ledger.ref, 100)} landed without eligible approvals or an eligible requester (E_UNAPPROVED_LANDING) and grant nothing; reconcile raises an alarm for each until it is reverted: ${listed(unreviewed)}`
      );
    }
    const invalid = entries.filter((e) => e.state === "invalid");
    if (invalid.length) {
      ctx.stderr(
        `grantops: warning: ${invalid.length} grant file(s) on ${printable(ledger.ref, 100)} are invalid and grant nothing: ${listed(invalid)}`
      );
    }
    if (ctx.format === "json") ctx.stdout(JSON.stringify(entries.map(grantJson), null, 2));
    else
      ctx.stdout(
        grantsText(
          entries,
          `Grants on ${printable(ledger.ref, 100)} (${ledger.commit.slice(0, 10)}) at ${iso(now)}`
        )
      );
    return 0;
  }
};

export {
  refusedOutright,
  judgeLandingProof,
  rejectionMessage,
  verdictSeal,
  readVerdicts,
  rememberVerdicts,
  shortTime,
  grantJson,
  grantsText,
  LEDGER_OPTIONS,
  ledgerFromArgs,
  statusCommand
};
