#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
} from "./chunk-VRIJWFZX.js";
import "./chunk-MWPZKGVJ.js";
import "./chunk-MEJTM6IP.js";
import "./chunk-P6HFGWWX.js";
import "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";
export {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
};
