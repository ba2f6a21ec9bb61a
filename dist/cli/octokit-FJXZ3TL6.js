#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GrantopsOctokit,
  createGitHubClient
} from "./chunk-AS4FJDT4.js";
import "./chunk-LC3XKIL7.js";
export {
  GrantopsOctokit,
  createGitHubClient
};
