/**
 * Runs commands and measures them: wall time (median of several runs, subject and baseline
 * interleaved so both see the same machine load) and the child's peak memory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
/**
 * A node child reports its own peak RSS from an exit hook (process.resourceUsage().maxRSS).
 * /usr/bin/time is used only for other commands: what it reports is the peak of the child *and
 * every process it waited for*, which for grantops would be a git child's, not grantops'.
 */
const RSS_HOOK = `data:text/javascript,${encodeURIComponent("import{writeFileSync}from'node:fs';process.on('exit',()=>{if(process.env.BENCH_RSS_FILE)writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS))})")}`;

/**
 * One run of `cmd args` with stdout to /dev/null. Returns { ms, rssKb, code, stderr }.
 * rssKb is null when it cannot be measured (no /usr/bin/time and not a node command).
 */
export async function runOnce(cmd, args, { cwd, env: extraEnv } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'grantops-bench-'));
  const rssFile = join(dir, 'rss');
  let argv = [cmd, ...args];
  const env = { ...process.env, ...extraEnv };
  if (cmd === process.execPath) {
    argv = [cmd, '--import', RSS_HOOK, ...args];
    env.BENCH_RSS_FILE = rssFile;
  } else if (hasTime) argv = [TIME, '-f', '%M', '-o', rssFile, ...argv];
  const out = openSync('/dev/null', 'w');
  const started = process.hrtime.bigint();
  const { code, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', out, 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b.toString().slice(0, 2000)));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(out);
  let rssKb = null;
  // Both report kilobytes.
  if (existsSync(rssFile)) rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  rmSync(dir, { recursive: true, force: true });
  return { ms, rssKb, code, stderr };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs subject and baseline `runs` times each, alternating, after one warm-up of each (so both
 * read a warm page cache). Returns medians and the ratio subject / baseline.
 */
export async function compare(subject, baseline, runs) {
  const s = [];
  const b = [];
  const check = (r, what) => {
    if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.trim()}`);
    return r;
  };
  check(await runOnce(...subject), 'subject');
  check(await runOnce(...baseline), 'baseline');
  for (let i = 0; i < runs; i++) {
    s.push(check(await runOnce(...subject), 'subject'));
    b.push(check(await runOnce(...baseline), 'baseline'));
  }
  const sMs = median(s.map((r) => r.ms));
  const bMs = median(b.map((r) => r.ms));
  return {
    subjectMs: sMs,
    baselineMs: bMs,
    ratio: sMs / bMs,
    subjectRssKb: Math.max(...s.map((r) => r.rssKb ?? 0)) || null,
  };
}
