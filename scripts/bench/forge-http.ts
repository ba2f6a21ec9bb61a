import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitHub } from '../../test/fakes/github/index.js';

/**
 * The fake GitHub served over HTTP on 127.0.0.1, so that the built action runs against it as a
 * whole process, as a workflow runs it: its own Octokit, its own fetch, its own write spacing
 * (plugin-throttling), none of the seams the tests use. The fake answers for its own origin
 * (https://api.github.com); the URLs it writes into Link headers and bodies are turned into this
 * server's, so that pagination comes back here and never goes out to the network.
 *
 * Every call is timed as the server sees it (arrival, answer), which is how the bench tells the
 * fake's own time, and the client's waits between calls, from the rest of a run.
 */

export interface TimedCall {
  method: string;
  path: string;
  /** performance.now() when the request had arrived whole, and when its answer was written. */
  arrived: number;
  answered: number;
}

export interface FakeServer {
  /** The API root to give the client (GITHUB_API_URL). */
  url: string;
  /** The calls served so far, in order of arrival. */
  timeline: TimedCall[];
  close(): Promise<void>;
}

/** Headers a proxy must not pass on: they describe this connection, not the message. */
const HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function serveFake(gh: FakeGitHub): Promise<FakeServer> {
  const timeline: TimedCall[] = [];
  let url = '';
  const server = createServer((req, res) => {
    void answer(req).then(
      ({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake GitHub bridge: ${String(err)}`);
      },
    );
  });
  const answer = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrived = performance.now();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP.has(name))
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const method = req.method ?? 'GET';
    const response = await gh.fetch(`${gh.origin}${req.url ?? '/'}`, {
      method,
      headers,
      ...(chunks.length && method !== 'GET' && method !== 'HEAD'
        ? { body: Buffer.concat(chunks) }
        : {}),
    });
    const text = (await response.text()).replaceAll(gh.origin, url);
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP.has(name) && name !== 'content-encoding')
        out[name] = value.replaceAll(gh.origin, url);
    });
    timeline.push({ method, path: req.url ?? '/', arrived, answered: performance.now() });
    return { status: response.status, headers: out, body: text };
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    timeline,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
