// Worker thread: creates the example's PGlite database and runs its setup SQL, then closes it.
// A new PGlite spends seconds initializing its data directory in WebAssembly, on the thread that
// opens it; here that happens beside the first grantops commands instead of before them.
import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dir);
try {
  await db.exec(workerData.sql);
} finally {
  await db.close();
}
