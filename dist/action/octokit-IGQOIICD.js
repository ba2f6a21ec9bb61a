import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GrantopsOctokit,
  createGitHubClient
} from "./chunk-S3XQZOQF.js";
import "./chunk-LU25FTH7.js";
export {
  GrantopsOctokit,
  createGitHubClient
};
