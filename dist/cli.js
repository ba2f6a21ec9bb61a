#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  runCli
} from "./cli/chunk-UPJEN7IH.js";
import "./cli/chunk-WDKGYMZA.js";
import "./cli/chunk-JP4WULFN.js";
import "./cli/chunk-R64KUAPR.js";
import "./cli/chunk-P6HFGWWX.js";
import "./cli/chunk-LUMG572G.js";
import "./cli/chunk-LC3XKIL7.js";

// src/bin.ts
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
var write = (stream) => (s) => stream.write(s.endsWith("\n") ? s : `${s}
`);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  terminal: {
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
    stderrRaw: (s) => process.stderr.write(s),
    columns: () => process.stderr.columns
  }
});
