/**
 * `tabula demo --customers N --orders M [--seed S] [--as-of YYYY-MM-DD]`: fills the site with a
 * deterministic CRM history (fixtures/demo). Migrates first. Progress goes to stderr.
 */
import { readConfig } from '../config';
import { migrate, openSite, type Site } from '../site';
import { generateDemo, type DemoSummary } from '../../fixtures/demo/generate';
import { dateOption, option } from './options';

export const QUICK_START_DEMO = { customers: 300, orders: 3000 };

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
}

/** A progress bar on a terminal; elsewhere (logs, CI) a line per step at every tenth. */
function progressReporter(): (step: string, done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastStep = '';
  let lastTenth = -1;
  return (step, done, total) => {
    const share = total > 0 ? done / total : 1;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(`\r[demo] ${step.padEnd(14)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`);
      if (done >= total) process.stderr.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (step !== lastStep || tenth !== lastTenth) process.stderr.write(`[demo] ${step}: ${done}/${total}\n`);
    lastStep = step;
    lastTenth = tenth;
  };
}

export async function seedDemo(site: Site, options: { customers: number; orders: number; seed?: number; asOf?: string }): Promise<DemoSummary> {
  const started = performance.now();
  const summary = await generateDemo(site.documents, { ...options, progress: progressReporter() });
  console.log(`[demo] ${summary.customers} customers, ${summary.orders} orders, ${summary.invoices} invoices, ${summary.leads} leads, ${summary.opportunities} opportunities (${summary.won} won), ${summary.communications} communications in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return summary;
}

export async function demoCommand(args: string[]): Promise<number> {
  if (!readConfig().apps.includes('crm')) {
    console.error('The demo needs the crm app (TABULA_APPS includes crm)');
    return 1;
  }
  const asOf = dateOption(args, 'as-of');
  const site = await openSite(readConfig());
  try {
    await migrate(site, (line) => console.log(line));
    await seedDemo(site, {
      customers: positive(option(args, 'customers'), 'customers', QUICK_START_DEMO.customers),
      orders: positive(option(args, 'orders'), 'orders', QUICK_START_DEMO.orders),
      seed: positive(option(args, 'seed'), 'seed', 42),
      asOf,
    });
    return 0;
  } finally {
    await site.close();
  }
}
