import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
} from "./chunk-UW5DH4SH.js";
import "./chunk-77CNMPMP.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";
export {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
};
