/**
 * Lead Details: the best single hand-written query for the leads created in the last year with their
 * primary address (as the Administrator, so no permission scope).
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';

const TODAY = todayDate();
const FILTERS = { from_date: addDays(TODAY, -364), to_date: TODAY };

const SQL = `SELECT l.name AS lead, l.lead_name, l.company_name, l.status, l.source, l.lead_owner, l.territory, l.email_id, l.mobile_no,
    COALESCE(NULLIF(a.city, ''), l.city) AS city, COALESCE(NULLIF(a.country, ''), l.country) AS country, SUBSTR(l.creation, 1, 10) AS created_on
  FROM tabLead l
  LEFT JOIN (SELECT dl.link_name AS lead, MIN(pa.name) AS address FROM \`tabDynamic Link\` dl JOIN tabAddress pa ON pa.name = dl.parent
             WHERE dl.parenttype = 'Address' AND dl.link_doctype = 'Lead' AND pa.is_primary_address = 1 GROUP BY dl.link_name) pick ON pick.lead = l.name
  LEFT JOIN tabAddress a ON a.name = pick.address
  WHERE l.creation >= ? AND l.creation < ?
  ORDER BY l.creation DESC, l.name DESC`;

export default [
  {
    report: 'Lead Details',
    label: 'leads of the last year',
    filters: FILTERS,
    async baseline(k: Knex, dialect: 'sqlite' | 'mysql', _asOf: string): Promise<unknown[]> {
      const answer = await k.raw(SQL, [FILTERS.from_date, addDays(FILTERS.to_date, 1)]);
      return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
    },
  },
];
