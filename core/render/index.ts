/** Print formats: Handlebars templates over a document, with field-type-aware formatting and escaping by default. */
export { renderPrint, printPage, type PrintRequest, type PrintOutput } from './print';
export { templateFileFor, compileTemplate, loadTemplate, printBaseStyle, PrintTemplateError, STANDARD_FORMAT, STANDARD_TEMPLATE, type CompiledTemplate } from './templates';
export { createPrintHandlebars, escapeHtml, HELPER_NAMES, type RenderState } from './helpers';
export { standardLayout, type LayoutSection, type LayoutEntry, type LayoutColumn } from './layout';
export * from './format';
