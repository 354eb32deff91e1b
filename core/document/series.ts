/**
 * Naming series counters in `tabSeries`, keyed by the expanded prefix. The increment happens inside
 * the document's transaction with the row locked, so concurrent inserts never get the same number and
 * a failed insert gives its number back (the transaction rolls back).
 */
import { InvalidNameError } from '../errors';
import type { Executor } from './persist';

/** tabSeries.name is varchar(100), as in Frappe. */
export const SERIES_PREFIX_MAX = 100;

export async function nextSeriesValue(k: Executor, prefix: string, count = 1): Promise<number> {
  // Refused the same way on both databases (MariaDB would fail with "Data too long", SQLite would store it).
  if (prefix.length > SERIES_PREFIX_MAX)
    throw new InvalidNameError(`The naming series prefix "${prefix.slice(0, 40)}…" is longer than ${SERIES_PREFIX_MAX} characters`, [
      { fieldname: 'name', message: `Series prefix longer than ${SERIES_PREFIX_MAX} characters` },
    ]);
  if (isMysql(k)) {
    await k.raw('INSERT INTO `tabSeries` (`name`, `current`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `current` = `current` + ?', [prefix, count, count]);
    const row = (await k('tabSeries').where('name', prefix).first('current')) as { current: number | string };
    return Number(row.current);
  }
  const rows = (await k.raw('INSERT INTO "tabSeries" ("name", "current") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "current" = "current" + ? RETURNING "current"', [prefix, count, count])) as { current: number }[];
  return Number(rows[0]!.current);
}

export async function currentSeriesValue(k: Executor, prefix: string): Promise<number> {
  const row = (await k('tabSeries').where('name', prefix).first('current')) as { current: number | string } | undefined;
  return row ? Number(row.current) : 0;
}

/** Deleting the newest document of a series gives its number back, as Frappe does. */
export async function revertSeriesIfLast(k: Executor, prefix: string, value: number): Promise<void> {
  await k('tabSeries').where({ name: prefix, current: value }).update({ current: value - 1 });
}

function isMysql(k: Executor): boolean {
  return k.client.config.client === 'mysql2';
}

/**
 * Series numbers for a batch of documents: reserves a block per prefix in one increment instead of
 * one per document, then gives back what the batch did not use. The rows stay locked by the
 * transaction in between, so the give-back is exact and nobody else sees the gap.
 */
export class SeriesBlocks {
  private readonly blocks = new Map<string, { next: number; last: number }>();

  constructor(
    private readonly k: Executor,
    private readonly blockSize: number,
  ) {}

  readonly next = async (prefix: string): Promise<number> => {
    let block = this.blocks.get(prefix);
    if (!block || block.next > block.last) {
      const size = Math.max(1, this.blockSize);
      const last = await nextSeriesValue(this.k, prefix, size);
      block = { next: last - size + 1, last };
      this.blocks.set(prefix, block);
    }
    return block.next++;
  };

  async release(): Promise<void> {
    for (const [prefix, block] of this.blocks) {
      const unused = block.last - block.next + 1;
      if (unused > 0) await this.k('tabSeries').where({ name: prefix, current: block.last }).update({ current: block.last - unused });
    }
    this.blocks.clear();
  }
}
