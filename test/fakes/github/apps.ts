import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { Repo } from './repo.js';
import type { Account, Store } from './store.js';

/**
 * GitHub Apps of the fake: each has a real RSA key pair, and the fake checks the JSON Web Tokens
 * clients sign with it the way GitHub does (RS256 signature, `iss` the App's id or client id,
 * `iat` not in the future by more than a minute, `exp` at most ten minutes after now), so a
 * client's JWT code is tested against a verifier, not a string match.
 */

export interface App {
  id: number;
  slug: string;
  clientId: string;
  name: string;
  owner: Account;
  /** The `<slug>[bot]` account its installation tokens act as. */
  bot: Account;
  publicKey: KeyObject;
  permissions: Record<string, string>;
  events: string[];
  createdAt: string;
  installations: Installation[];
}

export interface Installation {
  id: number;
  app: App;
  account: Account;
  /** Repositories it may act on: all of the account's, or the ones listed. */
  repositories: 'all' | Repo[];
  createdAt: string;
}

export interface NewApp {
  app: App;
  /** PKCS#8 PEM, as GitHub lets an App owner download it. */
  privateKey: string;
}

/** Key pairs by App slug: RSA generation is slow, and tests make the same App many times. */
const keys = new Map<string, { privateKey: string; publicKey: string }>();

function keyPair(slug: string) {
  let pair = keys.get(slug);
  if (!pair) {
    pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    keys.set(slug, pair);
  }
  return pair;
}

export function addApp(
  store: Store,
  slug: string,
  owner: Account,
  options: { permissions?: Record<string, string>; events?: string[] } = {},
): NewApp {
  const { privateKey, publicKey } = keyPair(slug);
  const id = store.id();
  const app: App = {
    id,
    slug,
    clientId: `Iv23li${id.toString(16).padStart(14, '0')}`,
    name: slug,
    owner,
    bot: store.account(`${slug}[bot]`) ?? store.addUser(`${slug}[bot]`, 'Bot'),
    publicKey: createPublicKey(publicKey),
    permissions: options.permissions ?? {
      contents: 'write',
      pull_requests: 'write',
      checks: 'write',
      issues: 'write',
      members: 'read',
      metadata: 'read',
    },
    events: options.events ?? [],
    createdAt: store.timestamp(),
    installations: [],
  };
  store.apps.push(app);
  return { app, privateKey };
}

export function install(
  store: Store,
  app: App,
  account: Account,
  repositories: 'all' | Repo[] = 'all',
): Installation {
  const installation = {
    id: store.id(),
    app,
    account,
    repositories,
    createdAt: store.timestamp(),
  };
  app.installations.push(installation);
  return installation;
}

export function installationFor(app: App, repo: Repo): Installation | undefined {
  return app.installations.find(
    (i) => i.account === repo.owner && (i.repositories === 'all' || i.repositories.includes(repo)),
  );
}

/** The App a JWT is signed for, or why GitHub would refuse it (its 401 messages). */
export function verifyJwt(
  store: Store,
  token: string,
  nowSeconds: number,
): { app: App } | { refused: string } {
  const parts = token.split('.');
  const undecodable = { refused: 'A JSON web token could not be decoded' };
  if (parts.length !== 3) return undecodable;
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return undecodable;
  }
  if (header.alg !== 'RS256') return undecodable;
  const app = store.apps.find(
    (a) => String(a.id) === String(claims.iss) || a.clientId === claims.iss,
  );
  if (!app) return { refused: "'Issuer' claim ('iss') must be an Integer" };
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    app.publicKey,
    Buffer.from(s, 'base64url'),
  );
  if (!signed) return undecodable;
  if (typeof claims.iat !== 'number' || claims.iat > nowSeconds + 60)
    return {
      refused: "'Issued at' claim ('iat') must be an Integer representing a time in the past",
    };
  if (typeof claims.exp !== 'number' || claims.exp > nowSeconds + 600)
    return { refused: "'Expiration time' claim ('exp') is too far in the future" };
  if (claims.exp <= nowSeconds)
    return {
      refused:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  return { app };
}
