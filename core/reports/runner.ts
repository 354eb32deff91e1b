/**
 * Runs a report's queries within its time budget, and past it cancels them at the database:
 * - MariaDB/MySQL: knex's query timeout with `cancel`, which sends KILL QUERY on another connection;
 * - SQLite file: a pool of reader processes with read-only connections; a reader past the deadline
 *   is killed, which stops its statement (better-sqlite3 cannot be interrupted, and a worker thread
 *   stuck in SQLite's C loop ignores terminate());
 * - SQLite in memory (tests): other connections cannot see the database, so queries run on the site's
 *   connection and the deadline is checked between them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Knex } from 'knex';
import { PROJECT_ROOT } from '../config';
import type { Database } from '../db';
import { QueryTimeoutError } from '../errors';

export type Query = Knex.QueryBuilder | Knex.Raw;

/** One run's connection to the database, with its deadline (ms since the epoch). */
export interface BudgetedSession {
  rows<T>(query: Query): Promise<T[]>;
  release(): void;
}

export interface ReportRunner {
  open(deadline: number, seconds: number): Promise<BudgetedSession>;
  close(): Promise<void>;
}

export function timeoutError(seconds: number): QueryTimeoutError {
  return new QueryTimeoutError(`The report took longer than its time budget of ${seconds} s and was cancelled. Narrow the filters (a shorter period, a territory) and run it again.`, [
    { fieldname: 'filters', message: `time budget of ${seconds} s exceeded` },
  ]);
}

export function createReportRunner(db: Database): ReportRunner {
  if (db.dialect === 'mysql') return new MysqlRunner(db.knex);
  if (db.sqliteFile) return new SqliteWorkerPool(db.sqliteFile);
  return new InProcessRunner(db.knex);
}

/** A builder's SQL and bindings as the driver takes them. */
function nativeOf(query: Query): { sql: string; bindings: Knex.RawBinding[] } {
  const native = query.toSQL().toNative();
  return { sql: native.sql, bindings: native.bindings as Knex.RawBinding[] };
}

function remaining(deadline: number, seconds: number): number {
  const left = deadline - Date.now();
  if (left <= 0) throw timeoutError(seconds);
  return left;
}

class MysqlRunner implements ReportRunner {
  constructor(private readonly k: Knex) {}

  async open(deadline: number, seconds: number): Promise<BudgetedSession> {
    const k = this.k;
    return {
      async rows<T>(query: Query): Promise<T[]> {
        const native = nativeOf(query);
        try {
          const [rows] = (await k.raw(native.sql, native.bindings).timeout(remaining(deadline, seconds), { cancel: true })) as [T[]];
          return rows;
        } catch (error) {
          if (error instanceof Error && error.name === 'KnexTimeoutError') throw timeoutError(seconds);
          throw error;
        }
      },
      release() {},
    };
  }

  async close(): Promise<void> {}
}

class InProcessRunner implements ReportRunner {
  constructor(private readonly k: Knex) {}

  async open(deadline: number, seconds: number): Promise<BudgetedSession> {
    const k = this.k;
    return {
      async rows<T>(query: Query): Promise<T[]> {
        remaining(deadline, seconds);
        const native = nativeOf(query);
        return (await k.raw(native.sql, native.bindings)) as T[];
      },
      release() {},
    };
  }

  async close(): Promise<void> {}
}

const READER_FILE = resolve(PROJECT_ROOT, 'core/reports/sqlite-reader.cjs');
const POOL_SIZE = 2;

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

interface ReaderAnswer {
  id: number;
  columns?: string[];
  rows?: unknown[][];
  error?: { message: string; code?: string };
}

/** The reader's array rows as the objects knex answers (a later column of the same name wins, as in knex). */
function objectsOf(columns: string[], rows: unknown[][]): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r]!;
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]!] = values[c];
    out[r] = row;
  }
  return out;
}

/** A reader process with a read-only connection; killed (and replaced) when a query outlives its budget. */
class SqliteWorker {
  private readonly worker: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  constructor(file: string) {
    // Structured-clone IPC keeps numbers, nulls and strings as they are, and is faster than JSON.
    this.worker = fork(READER_FILE, [file], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    // An idle reader must not keep the server (or a test run) alive.
    this.worker.unref();
    this.worker.channel?.unref();
    this.worker.on('message', (message: ReaderAnswer) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) this.worker.channel?.unref();
      if (message.error) waiting.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiting.resolve(objectsOf(message.columns ?? [], message.rows ?? []));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the report reader stopped')));
  }

  private fail(error: Error): void {
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  run<T>(sql: string, bindings: readonly unknown[], timeoutMs: number, onTimeout: () => Error): Promise<T[]> {
    const id = ++this.nextId;
    return new Promise<T[]>((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rejectPromise(onTimeout());
        void this.terminate();
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (rows) => {
          clearTimeout(timer);
          resolvePromise(rows as T[]);
        },
        reject: (error) => {
          clearTimeout(timer);
          rejectPromise(error);
        },
      });
      // A busy reader keeps its channel referenced, so the process waits for the answer.
      this.worker.channel?.ref();
      this.worker.send({ id, sql, bindings });
    });
  }

  get pid(): number | undefined {
    return this.worker.pid;
  }

  async terminate(): Promise<void> {
    this.dead = true;
    if (this.worker.exitCode !== null || this.worker.signalCode !== null) return;
    const exited = new Promise<void>((resolvePromise) => this.worker.once('exit', () => resolvePromise()));
    // Waiting for the exit must keep the event loop alive (the idle reader was unref'd).
    this.worker.ref();
    this.worker.kill('SIGKILL');
    await exited;
  }
}

class SqliteWorkerPool implements ReportRunner {
  private readonly idle: SqliteWorker[] = [];
  private readonly busy = new Set<SqliteWorker>();
  private readonly waiting: ((worker: SqliteWorker) => void)[] = [];

  constructor(private readonly file: string) {}

  private async acquire(deadline: number, seconds: number): Promise<SqliteWorker> {
    let worker = this.idle.pop();
    if (!worker && this.busy.size < POOL_SIZE) worker = new SqliteWorker(this.file);
    if (!worker) {
      worker = await new Promise<SqliteWorker>((resolvePromise, rejectPromise) => {
        const timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(grant), 1);
          rejectPromise(timeoutError(seconds));
        }, remaining(deadline, seconds));
        const grant = (w: SqliteWorker) => {
          clearTimeout(timer);
          resolvePromise(w);
        };
        this.waiting.push(grant);
      });
    }
    this.busy.add(worker);
    return worker;
  }

  private release(worker: SqliteWorker): void {
    this.busy.delete(worker);
    const usable = worker.dead ? undefined : worker;
    const next = this.waiting.shift();
    if (next) next(usable ?? new SqliteWorker(this.file));
    else if (usable) this.idle.push(usable);
  }

  async open(deadline: number, seconds: number): Promise<BudgetedSession> {
    let worker = await this.acquire(deadline, seconds);
    let released = false;
    return {
      rows: async <T>(query: Query): Promise<T[]> => {
        if (worker.dead) worker = this.replace(worker);
        const native = nativeOf(query);
        return worker.run<T>(native.sql, native.bindings, remaining(deadline, seconds), () => timeoutError(seconds));
      },
      release: () => {
        if (released) return;
        released = true;
        this.release(worker);
      },
    };
  }

  private replace(worker: SqliteWorker): SqliteWorker {
    this.busy.delete(worker);
    const fresh = new SqliteWorker(this.file);
    this.busy.add(fresh);
    return fresh;
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy].map((w) => w.terminate()));
    this.idle.length = 0;
    this.busy.clear();
  }
}
