/**
 * fieldtype -> control for every type that is not a child table (grid cells and filter bars use
 * these; ./index adds the tables). Unknown types fall back to Data, as Frappe Books does.
 */
import type { Component } from 'vue';
import ButtonControl from './ButtonControl.vue';
import CheckControl from './CheckControl.vue';
import ColorControl from './ColorControl.vue';
import DataControl from './DataControl.vue';
import DateControl from './DateControl.vue';
import DurationControl from './DurationControl.vue';
import HeadingControl from './HeadingControl.vue';
import HtmlControl from './HtmlControl.vue';
import JsonControl from './JsonControl.vue';
import LinkControl from './LinkControl.vue';
import NumberControl from './NumberControl.vue';
import RatingControl from './RatingControl.vue';
import ReadOnlyControl from './ReadOnlyControl.vue';
import SelectControl from './SelectControl.vue';
import TextControl from './TextControl.vue';
import UnsupportedControl from './UnsupportedControl.vue';

const BY_TYPE: Record<string, Component> = {
  Data: DataControl,
  Password: DataControl,
  Phone: DataControl,
  Autocomplete: DataControl,
  Attach: DataControl,
  'Attach Image': DataControl,
  Int: NumberControl,
  Float: NumberControl,
  Currency: NumberControl,
  Percent: NumberControl,
  Check: CheckControl,
  Select: SelectControl,
  Date: DateControl,
  Datetime: DateControl,
  Time: DateControl,
  'Small Text': TextControl,
  Text: TextControl,
  'Long Text': TextControl,
  'Markdown Editor': TextControl,
  'Text Editor': TextControl,
  'HTML Editor': TextControl,
  Code: TextControl,
  JSON: JsonControl,
  Link: LinkControl,
  'Dynamic Link': LinkControl,
  Rating: RatingControl,
  Color: ColorControl,
  Duration: DurationControl,
  'Read Only': ReadOnlyControl,
  HTML: HtmlControl,
  Heading: HeadingControl,
  Button: ButtonControl,
  Signature: UnsupportedControl,
  Geolocation: UnsupportedControl,
  Barcode: UnsupportedControl,
  Icon: UnsupportedControl,
  Image: UnsupportedControl,
};

export function simpleControlFor(fieldtype: string): Component {
  return BY_TYPE[fieldtype] ?? DataControl;
}
