/**
 * Plugs the customer profile into the desk (imported once by main.ts):
 * - Customer link cells in reports open the profile (report/links.ts's link targets);
 * - the Customer form's header links to it (form/links.ts);
 * - reports listing customers offer "Assign follow-up" for their selected rows (report/selection.ts).
 */
import { registerFormLink } from '../form/links';
import { registerLinkTarget } from '../report/links';
import { registerSelectionAction } from '../report/selection';
import { profilePath } from './api';
import { openFollowUpDialog } from './follow-up';

/** Reports whose rows are customers, in a `customer` Link column. */
export const CUSTOMER_REPORTS = ['Customer Status', 'Customer ABC Classification', 'Inactive Customers', 'Customer Sales'];

registerLinkTarget('Customer', profilePath);
registerFormLink('Customer', { label: 'Customer Profile', to: profilePath });
registerSelectionAction({
  label: 'Assign follow-up',
  reports: CUSTOMER_REPORTS,
  async run(rows) {
    const customers = [...new Set(rows.map((r) => r.customer).filter((c): c is string => typeof c === 'string' && c !== ''))];
    if (customers.length) await openFollowUpDialog(customers);
  },
});
