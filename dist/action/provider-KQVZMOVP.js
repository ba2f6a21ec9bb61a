import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
} from "./chunk-UD7W3HBG.js";
import "./chunk-77CNMPMP.js";
import "./chunk-HEZKBJE2.js";
import "./chunk-DFG6E3KN.js";
import "./chunk-2M6QR42H.js";
import "./chunk-LU25FTH7.js";
export {
  PostgresProvider,
  createPostgresProvider,
  postgresProvider
};
