#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  runCli
} from "./cli/chunk-B5TLF75Y.js";
import "./cli/chunk-R64KUAPR.js";
import "./cli/chunk-3UBAAKNO.js";
import "./cli/chunk-LC3XKIL7.js";

// src/bin.ts
var write = (stream) => (s) => stream.write(s.endsWith("\n") ? s : `${s}
`);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  env: process.env,
  cwd: process.cwd()
});
