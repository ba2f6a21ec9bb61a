import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { ROOT } from './policy.js';

/** A real git access repository in a temp dir, seeded with the example policies on main. */
export class AccessRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'grantops-repo-'));
  private tick = 0;

  constructor(opts: { policies?: boolean } = {}) {
    this.git('init', '-q', '-b', 'main');
    if (opts.policies !== false) {
      cpSync(join(ROOT, 'policies'), join(this.dir, 'policies'), { recursive: true });
      this.write('grants/.gitkeep', '');
      this.commit('Access repository');
    }
  }

  git(...args: string[]): string {
    this.tick += 1;
    const when = `2026-11-20T10:${String(this.tick % 60).padStart(2, '0')}:00Z`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when,
      },
    }).trim();
  }

  write(path: string, content: string | Buffer): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  symlink(path: string, target: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(target, file);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { recursive: true, force: true });
    return this;
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  branch(name: string, from = 'main'): this {
    this.git('checkout', '-q', '-B', name, from);
    return this;
  }

  /** Runs the CLI against this repo and captures its output. */
  async cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...argv, '--repo', this.dir], {
      stdout: (s) => (stdout += `${s}\n`),
      stderr: (s) => (stderr += `${s}\n`),
      env: {},
      cwd: this.dir,
    });
    return { code, stdout, stderr };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
