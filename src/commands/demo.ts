import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { DemoDatabase } from '../demo/database.js';
import { openDemoDatabase } from '../demo/open-database.js';
import { Interrupted, Session, StoryFailure } from '../demo/session.js';
import { storyCommands } from '../demo/commands.js';
import { ending, intro, tellStory } from '../demo/story.js';
import type { Command } from '../cli/context.js';

/** git's variables that point it at another repository than the folder it runs in. */
const GIT_LOCATION = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
];

export interface DemoSeams {
  /** Whether stderr is a terminal (progress is shown only there). */
  terminal?: boolean;
  /** Where the throwaway folder is made (default: the system's temp folder). */
  tmpdir?: string;
  /** The database the story uses (default: `openDemoDatabase`); tests observe or replace it. */
  database?: typeof openDemoDatabase;
  /** Stops the story as Ctrl-C does (tests). */
  signal?: AbortSignal;
}

/**
 * `grantops demo [--keep]`: the lifecycle of one access request, offline, in a throwaway
 * repository, through grantops' own commands on the local forge, into an embedded PostgreSQL
 * (or the server of DATABASE_URL). Every step checks itself: exit 1 names the step that did not
 * behave as told, so the demo doubles as a smoke test. Nothing is left behind without --keep.
 */
export function demoCommand(seams: DemoSeams = {}): Command {
  return {
    name: 'demo',
    summary:
      'Watch one access request go through its whole life, offline, in a throwaway repository.',
    usage: 'grantops demo [--keep]',
    formats: ['text'],
    options: {
      keep: {
        type: 'boolean',
        help: 'Keep the repository (and the embedded database) and say how to explore it.',
      },
    },
    async run(ctx, args) {
      for (const flag of ['repo', 'now'])
        if (args.values[flag] !== undefined)
          throw new UsageError(
            `grantops demo makes its own repository and tells its story on its own clock: --${flag} does not apply. Run grantops demo without it.`,
          );
      if (args.positionals.length)
        throw new UsageError(
          'grantops demo takes no arguments: run grantops demo, or grantops demo --keep to look around afterwards.',
        );
      // git takes these over the folder it runs in (a git hook sets them): the story's commits
      // would land in that repository instead of the throwaway one.
      const redirect = GIT_LOCATION.filter((name) => process.env[name] !== undefined);
      if (redirect.length)
        throw new UsageError(
          `${redirect.join(', ')} ${redirect.length > 1 ? 'are' : 'is'} set (in a git hook?): git would work in that repository, not the demo's own. Run grantops demo without ${redirect.length > 1 ? 'them' : 'it'}.`,
        );
      const keep = args.values.keep === true;
      const terminal = seams.terminal ?? process.stderr.isTTY === true;
      const started = performance.now();
      const work = mkdtempSync(join(seams.tmpdir ?? tmpdir(), 'grantops-demo-'));
      // Ctrl-C stops the story at its next command and still cleans up; a second one kills.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      seams.signal?.addEventListener('abort', onSignal);
      // The last resort when the process dies on the way (`grantops demo | head` closes the
      // pipe, an uncaught error): 'exit' listeners still run, synchronously.
      const removeOnExit = () => rmSync(work, { recursive: true, force: true });
      if (!keep) process.once('exit', removeOnExit);
      let db: DemoDatabase | undefined;
      let session: Session | undefined;
      try {
        ctx.stdout(intro(work));
        db = (seams.database ?? openDemoDatabase)(work, ctx.env);
        session = new Session({
          work,
          print: ctx.stdout,
          commands: storyCommands(db.factories),
          env: { ORDERS_DB_URL: db.url },
          signal: stop.signal,
        });
        await tellStory(session, db, {
          waiting: (what) => terminal && ctx.stderr(`… waiting for ${what} to be ready`),
        });
      } catch (err) {
        // Ctrl-C reaches git's processes too: whatever failed after it is the interruption.
        if (err instanceof Interrupted || stop.signal.aborted) {
          ctx.stderr('grantops demo: interrupted; what it made is removed.');
          return 130;
        }
        if (err instanceof StoryFailure) {
          ctx.stderr(
            `grantops demo: step ${session?.current ?? 'setup'} did not behave as the story says: ${err.message}`,
          );
          return 1;
        }
        throw err;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        seams.signal?.removeEventListener('abort', onSignal);
        process.off('exit', removeOnExit);
        await db?.close().catch((e: Error) => ctx.stderr(`grantops demo: ${e.message}`));
        if (!keep || stop.signal.aborted) rmSync(work, { recursive: true, force: true });
      }
      const seconds = (performance.now() - started) / 1000;
      ctx.stdout(ending({ seconds, repo: session.repo, kept: keep ? db.keptIn : undefined }));
      return 0;
    },
  };
}
