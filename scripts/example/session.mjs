// The example's terminal session: a throwaway work directory, git with controlled dates, and
// `node dist/cli.js …` runs that print their command, output and exit code, and check them.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A step that did not behave as expected: the example stops and exits 1 with this message. */
export class Unexpected extends Error {}

const bold = process.stdout.isTTY ? (s) => `\x1b[1m${s}\x1b[0m` : (s) => s;

/** Shell-quotes a word for display, only when it needs it. */
const shellWord = (w) => (/^[\w@%+=:,./$-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);

/**
 * Opens a session rooted at a fresh temp dir `$WORK` holding `repo/` (the access repository).
 * `root` is the grantops checkout whose `dist/cli.js` runs. Call `close()` in a `finally`.
 */
export function openSession(root) {
  const work = mkdtempSync(join(tmpdir(), 'grantops-example-'));
  const repo = join(work, 'repo');
  mkdirSync(repo);
  /** Paths as printed: `$WORK/…` instead of the temp dir. */
  const shown = (s) => s.replaceAll(work, '$WORK');
  let step = 0;
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const checkInterrupted = () => {
    if (interrupted) throw new Unexpected('interrupted');
  };

  // Nothing from a surrounding git (a hook's GIT_DIR or GIT_INDEX_FILE) may reach the example's.
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')),
  );
  const gitEnv = (date) => ({
    ...cleanEnv,
    GIT_AUTHOR_NAME: 'example',
    GIT_AUTHOR_EMAIL: 'example@example.com',
    GIT_COMMITTER_NAME: 'example',
    GIT_COMMITTER_EMAIL: 'example@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  });

  return {
    work,
    repo,
    shown,

    /** A numbered one-line heading. */
    heading(title) {
      step += 1;
      console.log(`\n${bold(`── ${step}. ${title}`)}`);
    },

    /** A line of explanation under a heading. */
    say(text) {
      console.log(`# ${text}`);
    },

    /** Writes a file under the work dir (path relative to it). */
    write(path, text) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    },

    /**
     * Runs git in the repository with author and committer dates set to `date`. Quiet unless
     * `show` is set, in which case it prints the command.
     */
    git(date, args, { show = false } = {}) {
      checkInterrupted();
      if (show) {
        const words = ['git', '-C', '$WORK/repo', ...args.map((a) => shellWord(shown(a)))];
        console.log(`$ GIT_AUTHOR_DATE=${date} GIT_COMMITTER_DATE=${date} ${words.join(' ')}`);
      }
      const r = spawnSync('git', args, { cwd: repo, env: gitEnv(date), encoding: 'utf8' });
      if (r.status !== 0)
        throw new Unexpected(
          `git ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`,
        );
      return r.stdout;
    },

    /**
     * Runs `node dist/cli.js ARGS` as a user would, printing the command, its output and its
     * exit code. Rejects with Unexpected when the exit code is not `exit` (default 0).
     * Asynchronous, so that work in this process (preparing the database) goes on meanwhile.
     */
    async grantops(args, { env = {}, exit = 0 } = {}) {
      checkInterrupted();
      const printed = ['node', 'dist/cli.js', ...args.map((a) => shellWord(shown(a)))];
      console.log(`$ ${printed.join(' ')}`);
      const r = await run(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {
        cwd: root,
        env: { ...cleanEnv, ...env },
        timeout: 60_000,
      });
      checkInterrupted();
      const out = shown(r.stdout.trimEnd());
      const err = shown(r.stderr.trimEnd());
      if (out) console.log(out);
      if (err) console.log(err);
      if (r.status === null)
        throw new Unexpected(`\`grantops ${args[0]}\` was stopped (${r.signal ?? 'timeout'}).`);
      console.log(`(exit ${r.status})`);
      if (r.status !== exit)
        throw new Unexpected(`\`grantops ${args[0]}\` exited with ${r.status}, expected ${exit}.`);
      return { stdout: out, stderr: err, status: r.status };
    },

    /** Removes everything the session made. Safe to call twice. */
    close() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a program to completion: { status, signal, stdout, stderr } (status is null when a signal
 * or the timeout stopped it); rejects only when it cannot start.
 */
function run(file, args, options) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string')
        reject(new Unexpected(`could not run ${file}: ${error.message}`));
      else
        resolve({
          status: error ? (error.code ?? null) : 0,
          signal: error?.signal ?? null,
          stdout,
          stderr,
        });
    });
  });
}

/** Throws Unexpected unless `text` matches every pattern; `what` says which output it was. */
export function expectOutput(what, text, ...patterns) {
  for (const p of patterns) {
    const ok = typeof p === 'string' ? text.includes(p) : p.test(text);
    if (!ok) throw new Unexpected(`${what}: expected the output to contain ${String(p)}.`);
  }
}
