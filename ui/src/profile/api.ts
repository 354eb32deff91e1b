/**
 * The customer profile's server calls: `tabula.crm.customer_profile` (one customer's figures and
 * lists) and `tabula.crm.assign_follow_ups` (a ToDo per customer for its sales person).
 */
import { call } from '../api/client';

export type Row = Record<string, unknown>;

export interface MonthRevenue {
  month: string;
  revenue: number;
  orders: number;
}

export interface FollowUp {
  name: string;
  allocated_to: string;
  description: string | null;
  date: string | null;
  priority: string | null;
  status: string;
  assigned_by: string | null;
}

export interface CustomerProfile {
  as_of_date: string;
  customer: {
    name: string;
    customer_name: string | null;
    customer_type: string | null;
    customer_group: string | null;
    territory: string | null;
    account_manager: string | null;
    sales_person: string | null;
    disabled: number;
    email_id: string | null;
    mobile_no: string | null;
  };
  /** Null when the user may not read Sales Orders. */
  sales: {
    lifetime_orders: number;
    lifetime_revenue: number;
    first_order_date: string | null;
    last_order_date: string | null;
    avg_order_interval: number | null;
    average_order_value: number | null;
    monthly: MonthRevenue[];
    top_items: { item_code: string; item_name: string | null; item_group: string | null; qty: number; revenue: number; orders: number }[];
    top_item_groups: { item_group: string | null; qty: number; revenue: number; orders: number }[];
  } | null;
  /** Null when the user may not run Customer Status. */
  status: { status: string; days_since_last_order: number | null; trend: string; frequency_trend: string; receivable: number; overdue: number; revenue_change: number | null } | null;
  /** Null when the user may not run Customer ABC Classification. */
  abc: { class: string | null; previous_class: string | null; movement: string | null; rank: number | null; revenue: number | null; share: number | null; method: string; period: { from: string; to: string } } | null;
  opportunities: Row[] | null;
  contacts: Row[] | null;
  communications: Row[] | null;
  follow_ups: FollowUp[];
}

export function loadProfile(customer: string): Promise<CustomerProfile> {
  return call<CustomerProfile>('tabula.crm.customer_profile', { customer });
}

export interface FollowUpResult {
  created: { customer: string; customer_name: string | null; todo: string; allocated_to: string; via: string }[];
  skipped: { customer: string; reason: string; message: string }[];
}

export function assignFollowUps(customers: string[], date: string, description: string, priority: string): Promise<FollowUpResult> {
  return call<FollowUpResult>('tabula.crm.assign_follow_ups', { customers, date, description, priority }, 'POST');
}

export const profilePath = (customer: string) => `/app/customer-profile/${encodeURIComponent(customer)}`;
