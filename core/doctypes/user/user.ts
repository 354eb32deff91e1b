/** User: named by email (the built-in Administrator and Guest keep their names); full name derived. */
import { defineController } from '../../document';

const BUILT_IN_USERS = new Set(['Administrator', 'Guest']);

export default defineController({
  autoname(doc) {
    return typeof doc.__newname === 'string' && BUILT_IN_USERS.has(doc.__newname) ? doc.__newname : String(doc.email ?? '').trim();
  },
  validate(doc) {
    doc.full_name = [doc.first_name, doc.last_name].filter((part) => typeof part === 'string' && part.trim()).join(' ');
  },
});
