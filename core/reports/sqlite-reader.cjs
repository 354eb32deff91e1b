/**
 * A child process that runs report queries on its own read-only connection to the site's SQLite
 * file. better-sqlite3 is synchronous and a statement cannot be interrupted from JavaScript (a worker
 * thread stuck in SQLite's C loop ignores terminate), so a query past its time budget is stopped by
 * killing this process; the server process stays free and starts a fresh reader.
 */
'use strict';
const Database = require('better-sqlite3');

const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

// As knex's better-sqlite3 client does: SQLite has no booleans, and undefined is no value.
function bindable(value) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value instanceof Date) return value.valueOf();
  return value;
}

// Reports run the same few statements again and again: prepared once per reader.
const statements = new Map();
function statementOf(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statement.reader) statement.raw(true);
    if (statements.size >= 500) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}

// Rows go back as arrays under one list of column names: cloning a key per cell across the process
// boundary cost more than the query for large results.
process.on('message', ({ id, sql, bindings }) => {
  try {
    const statement = statementOf(sql);
    if (!statement.reader) return process.send({ id, columns: [], rows: [] });
    const rows = statement.all(...bindings.map(bindable));
    process.send({ id, columns: statement.columns().map((c) => c.name), rows });
  } catch (error) {
    process.send({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
// The server went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
