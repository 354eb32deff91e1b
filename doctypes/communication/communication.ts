/**
 * Communication: the first Sent communication on an Opportunity sets the opportunity's
 * first_response_time (seconds from the opportunity's creation to communication_date); later ones
 * leave it. The opportunity is written through the acting user's store (ctx.documents.save), so its
 * validation and permissions apply, in the communication's transaction.
 */
import { defineController, type Doc, type HookContext } from '../../core/document';
import { readRecord } from '../shared/totals';

/** A stored Datetime (string "YYYY-MM-DD HH:MM:SS[.ffffff]" in site time, or a Date) as epoch milliseconds. */
function epochMs(value: unknown): number | undefined {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000) * 1000;
  if (typeof value !== 'string' || !value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  // Whole seconds: communication_date carries none finer, and first_response_time is in seconds.
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
}

async function recordFirstResponse(doc: Doc, ctx: HookContext): Promise<void> {
  if (doc.sent_or_received !== 'Sent' || doc.reference_doctype !== 'Opportunity' || !doc.reference_name) return;
  const opportunity = await readRecord(ctx, 'Opportunity', doc.reference_name);
  if (!opportunity) return;
  const current = opportunity.first_response_time;
  if (current !== null && current !== undefined && current !== '' && Number(current) > 0) return;
  const from = epochMs(opportunity.creation);
  const to = epochMs(doc.communication_date);
  if (from === undefined || to === undefined) return;
  await ctx.documents.save('Opportunity', String(opportunity.name), { first_response_time: Math.max(0, Math.round((to - from) / 1000)) });
}

export default defineController({
  after_insert: recordFirstResponse,
});
