import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cli, type CliRun } from './cli.js';
import { GitRepo } from './gitrepo.js';
import { ROOT } from './policy.js';

/**
 * A real git access repository seeded with the shipped example policies on main, for command
 * tests that care about what changed rather than when: each commit is a minute after the last.
 */
export class AccessRepo {
  private readonly repo = GitRepo.create();
  readonly dir = this.repo.dir;
  private minutes = 0;

  constructor() {
    cpSync(join(ROOT, 'policies'), join(this.dir, 'policies'), { recursive: true });
    this.write('grants/.gitkeep', '');
    this.commit('Access repository');
  }

  git(...args: string[]): string {
    return this.repo.git(args).trim();
  }

  write(path: string, content: string | Buffer): this {
    this.repo.write(path, content);
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
    this.minutes += 1;
    return this.repo.commit(
      message,
      new Date(Date.UTC(2026, 10, 20, 10, this.minutes)).toISOString(),
    );
  }

  branch(name: string, from = 'main'): this {
    this.repo.git(['checkout', '-q', '-B', name, from]);
    return this;
  }

  cli(...argv: string[]): Promise<CliRun> {
    return cli(this.dir, ...argv, '--repo', this.dir);
  }

  cleanup(): void {
    this.repo.cleanup();
  }
}
