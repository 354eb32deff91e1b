/**
 * Runs report queries on its own read-only connection to the site's SQLite file, off the main thread:
 * better-sqlite3 is synchronous, so a query past its time budget can only be stopped by terminating
 * the thread that runs it (the main thread stays free and simply terminates this one).
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

// As knex's better-sqlite3 client does: SQLite has no booleans, and undefined is no value.
function bindable(value) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value instanceof Date) return value.valueOf();
  return value;
}

parentPort.on('message', ({ id, sql, bindings }) => {
  try {
    const statement = db.prepare(sql);
    const values = bindings.map(bindable);
    const rows = statement.reader ? statement.all(...values) : [];
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
