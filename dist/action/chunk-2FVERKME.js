import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  policiesAt
} from "./chunk-NY4ACVCR.js";
import {
  CODEOWNERS_PATH,
  renderCodeowners
} from "./chunk-MYGFCPXS.js";
import {
  resolveCommit,
  stringArg
} from "./chunk-L2WRRIKU.js";

// src/commands/codeowners.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
var codeownersCommand = {
  name: "codeowners",
  summary: "Write (or with --check, verify) .github/CODEOWNERS from the policies.",
  usage: "grantops codeowners [--check] [--ref REF]",
  formats: ["text", "json"],
  options: {
    check: {
      type: "boolean",
      help: "Do not write; exit 1 when the file is missing or out of date."
    },
    ref: { type: "string", help: "Read the policies at this revision (default HEAD)." }
  },
  async run(ctx, args) {
    const rev = await resolveCommit(ctx.repo, stringArg(args, "ref") ?? "HEAD");
    const expected = renderCodeowners(await policiesAt(ctx.repo, rev));
    const file = join(ctx.repo, CODEOWNERS_PATH);
    const current = await readFile(file, "utf8").catch(() => null);
    const upToDate = current === expected;
    if (args.values.check) {
      if (ctx.format === "json")
        ctx.stdout(JSON.stringify({ path: CODEOWNERS_PATH, up_to_date: upToDate }));
      else
        ctx.stdout(
          upToDate ? `\u2713 ${CODEOWNERS_PATH} is up to date` : `\u2717 ${CODEOWNERS_PATH} is ${current === null ? "missing" : "out of date"}: run \`grantops codeowners\` and commit the result.`
        );
      return upToDate ? 0 : 1;
    }
    if (!upToDate) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, expected);
    }
    if (ctx.format === "json")
      ctx.stdout(JSON.stringify({ path: CODEOWNERS_PATH, written: !upToDate }));
    else
      ctx.stdout(
        upToDate ? `\u2713 ${CODEOWNERS_PATH} was already up to date` : `wrote ${CODEOWNERS_PATH}`
      );
    return 0;
  }
};

export {
  codeownersCommand
};
