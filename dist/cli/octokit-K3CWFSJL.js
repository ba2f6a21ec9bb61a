#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GrantopsOctokit,
  createGitHubClient
} from "./chunk-E4ILH7MR.js";
import "./chunk-LC3XKIL7.js";
export {
  GrantopsOctokit,
  createGitHubClient
};
