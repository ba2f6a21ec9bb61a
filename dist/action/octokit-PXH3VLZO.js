import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GrantopsOctokit,
  createGitHubClient
} from "./chunk-PIEX6OHS.js";
import "./chunk-LU25FTH7.js";
export {
  GrantopsOctokit,
  createGitHubClient
};
