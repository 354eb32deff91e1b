/**
 * Field descriptions in Frappe's DocType files hold a little HTML ("reserved on <b>Submit</b>"). They
 * are shown as Frappe shows them, but only emphasis and line breaks survive: every other tag is
 * reduced to its text and no attribute is kept, so a description can never carry a script or a link.
 */
const KEPT = new Set(['B', 'STRONG', 'I', 'EM', 'BR', 'CODE']);

function copyInto(target: Node, source: Node, doc: Document): void {
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) target.appendChild(doc.createTextNode(node.textContent ?? ''));
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = (node as Element).tagName;
      if (KEPT.has(tag)) copyInto(target.appendChild(doc.createElement(tag.toLowerCase())), node, doc);
      else copyInto(target, node, doc);
    }
  }
}

/** The description as safe HTML: the kept tags, everything else as escaped text. */
export function descriptionHtml(description: string): string {
  const parsed = new DOMParser().parseFromString(description, 'text/html');
  const out = document.createElement('span');
  copyInto(out, parsed.body, document);
  return out.innerHTML;
}
