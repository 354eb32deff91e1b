/** Shapes of Frappe's DocType JSON as we read it. Unknown keys are kept (real exports carry many). */

export type Flag = 0 | 1 | boolean;

export interface DocFieldDef {
  fieldname: string;
  fieldtype: string;
  label?: string;
  options?: string;
  default?: string | number;
  description?: string;
  reqd?: Flag;
  unique?: Flag;
  non_negative?: Flag;
  set_only_once?: Flag;
  allow_on_submit?: Flag;
  no_copy?: Flag;
  hidden?: Flag;
  read_only?: Flag;
  depends_on?: string;
  mandatory_depends_on?: string;
  read_only_depends_on?: string;
  in_list_view?: Flag;
  in_standard_filter?: Flag;
  in_global_search?: Flag;
  search_index?: Flag;
  fetch_from?: string;
  fetch_if_empty?: Flag;
  precision?: string | number;
  length?: number;
  columns?: number;
  permlevel?: number;
  ignore_user_permissions?: Flag;
  [key: string]: unknown;
}

export interface DocPermDef {
  role: string;
  permlevel?: number;
  if_owner?: Flag;
  select?: Flag;
  read?: Flag;
  write?: Flag;
  create?: Flag;
  delete?: Flag;
  submit?: Flag;
  cancel?: Flag;
  amend?: Flag;
  report?: Flag;
  export?: Flag;
  import?: Flag;
  share?: Flag;
  print?: Flag;
  email?: Flag;
  [key: string]: unknown;
}

export interface DocTypeDef {
  name: string;
  doctype?: 'DocType';
  module?: string;
  fields: DocFieldDef[];
  field_order?: string[];
  permissions?: DocPermDef[];
  autoname?: string;
  naming_rule?: string;
  istable?: Flag;
  issingle?: Flag;
  is_submittable?: Flag;
  is_tree?: Flag;
  is_virtual?: Flag;
  nsm_parent_field?: string;
  title_field?: string;
  search_fields?: string;
  sort_field?: string;
  sort_order?: string;
  image_field?: string;
  allow_rename?: Flag;
  track_seen?: Flag;
  [key: string]: unknown;
}

export function flag(v: unknown): boolean {
  return v === true || v === 1 || v === '1';
}
