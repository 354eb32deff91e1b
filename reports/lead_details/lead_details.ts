/**
 * Lead Details (CRM.md section 2): leads created in the period with their status, source, owner,
 * territory, email, mobile, and the city and country of their primary address (the lead's own city
 * and country when it has none). One query; the primary address is the first by name among the
 * lead's addresses marked primary.
 */
import { addDays } from '../../core/document';
import { defineReport } from '../../core/reports';

export default defineReport({
  name: 'Lead Details',
  ref_doctype: 'Lead',
  module: 'CRM',
  description: 'Leads created in a period, with contact details and primary address.',
  filters: [
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-12 months' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
    { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: '\nLead\nOpen\nReplied\nOpportunity\nQuotation\nLost Quotation\nInterested\nConverted\nDo Not Contact' },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
    { fieldname: 'source', label: 'Source', fieldtype: 'Link', options: 'Lead Source' },
    { fieldname: 'owner', label: 'Lead Owner', fieldtype: 'Link', options: 'User' },
  ],
  columns: [
    { fieldname: 'lead', label: 'Lead', fieldtype: 'Link', options: 'Lead', width: 150 },
    { fieldname: 'lead_name', label: 'Lead Name', fieldtype: 'Data', width: 160 },
    { fieldname: 'company_name', label: 'Organization', fieldtype: 'Data', width: 160 },
    { fieldname: 'status', label: 'Status', fieldtype: 'Data', width: 100 },
    { fieldname: 'source', label: 'Source', fieldtype: 'Link', options: 'Lead Source', width: 120 },
    { fieldname: 'lead_owner', label: 'Lead Owner', fieldtype: 'Link', options: 'User', width: 150 },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory', width: 120 },
    { fieldname: 'email_id', label: 'Email', fieldtype: 'Data', width: 180 },
    { fieldname: 'mobile_no', label: 'Mobile', fieldtype: 'Data', width: 120 },
    { fieldname: 'city', label: 'City', fieldtype: 'Data', width: 110 },
    { fieldname: 'country', label: 'Country', fieldtype: 'Link', options: 'Country', width: 110 },
    { fieldname: 'created_on', label: 'Created On', fieldtype: 'Date', width: 100 },
  ],
  async execute(filters, ctx) {
    const k = ctx.knex;
    const primary = k('tabDynamic Link as dl')
      .join('tabAddress as pa', 'pa.name', 'dl.parent')
      .where({ 'dl.parenttype': 'Address', 'dl.link_doctype': 'Lead', 'pa.is_primary_address': 1 })
      .groupBy('dl.link_name')
      .select('dl.link_name as lead', k.raw('MIN(pa.name) as address'))
      .as('pick');
    const query = ctx
      .from('Lead', 'l')
      .leftJoin(primary, 'pick.lead', 'l.name')
      .leftJoin('tabAddress as a', 'a.name', 'pick.address')
      .where('l.creation', '>=', filters.from_date)
      .andWhere('l.creation', '<', addDays(filters.to_date, 1))
      .select(
        'l.name as lead',
        'l.lead_name',
        'l.company_name',
        'l.status',
        'l.source',
        'l.lead_owner',
        'l.territory',
        'l.email_id',
        'l.mobile_no',
        k.raw("COALESCE(NULLIF(a.city, ''), l.city) as city"),
        k.raw("COALESCE(NULLIF(a.country, ''), l.country) as country"),
        k.raw('SUBSTR(l.creation, 1, 10) as created_on'),
      )
      .orderBy([{ column: 'l.creation', order: 'desc' }, { column: 'l.name', order: 'desc' }]);
    if (filters.status) query.where('l.status', filters.status);
    if (filters.source) query.where('l.source', filters.source);
    if (filters.owner) query.where('l.lead_owner', filters.owner);
    if (filters.territory) ctx.inSubtree(query, 'l.territory', 'Territory', filters.territory);
    const rows = await ctx.rows(query);
    const byStatus = new Map<string, number>();
    for (const row of rows) byStatus.set(String(row.status), (byStatus.get(String(row.status)) ?? 0) + 1);
    return {
      result: rows,
      report_summary: [
        { value: rows.length, label: 'Leads', datatype: 'Int', indicator: 'Blue' },
        ...[...byStatus].map(([status, count]) => ({ value: count, label: status, datatype: 'Int' })),
      ],
      chart: { type: 'bar', data: { labels: [...byStatus.keys()], datasets: [{ name: 'Leads', values: [...byStatus.values()] }] } },
    };
  },
});
