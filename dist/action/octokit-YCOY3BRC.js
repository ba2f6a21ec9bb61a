import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GrantopsOctokit,
  createGitHubClient
} from "./chunk-TO6F3KAY.js";
import "./chunk-LU25FTH7.js";
export {
  GrantopsOctokit,
  createGitHubClient
};
