/** `tabula <command>`: one entry point for every command; each command lives in its own file. */
import { TabulaError } from '../errors';
import { demoCommand } from './demo';
import { doctorCommand } from './doctor';
import { migrateCommand } from './migrate';
import { newDoctypeCommand } from './new-doctype';
import { runJobsCommand } from './run-jobs';
import { runReportCommand } from './run-report';
import { setPasswordCommand } from './set-password';
import { startCommand } from './start';

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  migrate: { run: migrateCommand, help: 'create or update every table from the DocTypes, install default records' },
  doctor: { run: doctorCommand, help: 'check every DocType definition and the database against them; print each problem' },
  'new-doctype': { run: newDoctypeCommand, help: 'new-doctype <Name> [--module M] [--folder F]: scaffold a DocType JSON and controller' },
  demo: { run: demoCommand, help: 'demo [--customers N] [--orders M] [--seed S] [--as-of YYYY-MM-DD]: fill the site with CRM demo data' },
  start: { run: startCommand, help: 'start [--demo]: migrate (and on a new CRM site with --demo, add demo data), run the daily jobs (then every 24 h), serve the HTTP API on PORT (8000)' },
  'run-jobs': { run: runJobsCommand, help: 'run-jobs [--job NAME] [--today YYYY-MM-DD]: run the apps\' scheduled jobs now (quotation expiry ...)' },
  'run-report': { run: runReportCommand, help: 'run-report "<Report Name>" [--filters JSON] [--format table|json|csv|xlsx] [--output F] [--user U]: run a script report' },
  'set-password': { run: setPasswordCommand, help: 'set-password <user> <password>: set a user\'s login password' },
};

function usage(): string {
  return ['Usage: tabula <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.help}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  return command.run(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Expected failures (bad DocTypes, bad input) print their message; anything else is a bug: show the stack.
  console.error(error instanceof TabulaError ? error.message : error);
  process.exitCode = 1;
}
