import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  GitHubForge
} from "./chunk-TX5KJ537.js";
import "./chunk-OT77CHOJ.js";
import "./chunk-KPBPZKB7.js";
import {
  parseRepoRef,
  repoName
} from "./chunk-ZMUX3FSB.js";
import "./chunk-JA6BUSJN.js";
import "./chunk-DNXJ7DRY.js";
import "./chunk-XC7LFRFC.js";
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";
import {
  createGitHubClient
} from "./chunk-S3XQZOQF.js";
import {
  ConfigError
} from "./chunk-AEA6CW7H.js";
import "./chunk-KLQUP7ME.js";
import "./chunk-LU25FTH7.js";

// src/github/app-token.ts
import { createPrivateKey, sign } from "node:crypto";
function privateKeyOf(pem) {
  try {
    return createPrivateKey(pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem);
  } catch (e) {
    throw new ConfigError(
      `The GitHub App private key is not a PEM private key (${e instanceof Error ? e.message : String(e)}). Paste the whole .pem file GitHub generated, from "-----BEGIN RSA PRIVATE KEY-----" to the END line, into the secret.`
    );
  }
}
function appJwt(credentials, nowSeconds) {
  const key = privateKeyOf(credentials.privateKey);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const iss = /^\d+$/.test(credentials.appId) ? Number(credentials.appId) : credentials.appId;
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: nowSeconds - 60, exp: nowSeconds + 540, iss })}`;
  const signature = sign("RSA-SHA256", Buffer.from(unsigned), key).toString("base64url");
  return `${unsigned}.${signature}`;
}
async function installationToken(options) {
  const { credentials, repo, nowSeconds, ...client } = options;
  const jwt = appJwt(credentials, nowSeconds ?? Math.floor(Date.now() / 1e3));
  const octokit = createGitHubClient({ ...client, token: jwt });
  const doing = `minting a GitHub App installation token for ${repoName(repo)}`;
  try {
    const { data: installation } = await octokit.rest.apps.getRepoInstallation({ ...repo });
    const { data } = await octokit.rest.apps.createInstallationAccessToken({
      installation_id: installation.id,
      repositories: [repo.repo]
    });
    return { token: data.token, expiresAt: data.expires_at, installationId: installation.id };
  } catch (e) {
    if (statusOf(e) === 404) {
      throw new ConfigError(
        `The GitHub App ${credentials.appId} is not installed on ${repoName(repo)} (GitHub answered 404 while ${doing}). Install it on the repository (Settings \u2192 GitHub Apps, or the App's page \u2192 Install) and run again.`
      );
    }
    throw githubError(e, { doing, tokenEnv: "the GitHub App private key" });
  }
}

// src/github/from-env.ts
async function githubForgeFromEnv(options) {
  const { octokit, repo, source, botLogin } = await githubSessionFromEnv(options);
  return new GitHubForge({
    octokit,
    repo,
    git: options.git,
    source,
    ...botLogin ? { botLogin } : {}
  });
}
async function githubSessionFromEnv(options) {
  const { env } = options;
  const name = env.GITHUB_REPOSITORY;
  if (!name) {
    throw new ConfigError(
      "The GitHub forge needs the repository: set GITHUB_REPOSITORY to OWNER/NAME (GitHub Actions sets it), or use --forge local."
    );
  }
  const repo = parseRepoRef(name, "GITHUB_REPOSITORY");
  const baseUrl = env.GITHUB_API_URL;
  const seams = options.fetch ? { fetch: options.fetch, noWait: true } : {};
  let token = env.GRANTOPS_APP_TOKEN;
  if (!token && env.GRANTOPS_APP_ID && env.GRANTOPS_APP_PRIVATE_KEY) {
    token = (await installationToken({
      credentials: { appId: env.GRANTOPS_APP_ID, privateKey: env.GRANTOPS_APP_PRIVATE_KEY },
      repo,
      ...baseUrl ? { baseUrl } : {},
      ...seams
    })).token;
  }
  if (!token) {
    throw new ConfigError(
      "The GitHub forge writes with the grantops App's installation token: set GRANTOPS_APP_TOKEN (the token output of actions/create-github-app-token), or GRANTOPS_APP_ID and GRANTOPS_APP_PRIVATE_KEY to mint one. GITHUB_TOKEN cannot: merges made with it trigger no workflow, and it cannot read teams."
    );
  }
  const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  return {
    octokit: createGitHubClient({ token, ...baseUrl ? { baseUrl } : {}, ...seams }),
    repo,
    source: { url: options.gitUrl ?? `${server}/${name}.git`, token },
    botLogin: env.GRANTOPS_APP_SLUG ? `${env.GRANTOPS_APP_SLUG}[bot]` : null
  };
}
export {
  githubForgeFromEnv,
  githubSessionFromEnv
};
