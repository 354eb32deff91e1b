/**
 * DocType records mirror the DocType files (core/site/doctype-records.ts writes them on migrate), so a
 * write through the document API would be undone by the next migrate and disagree with the running
 * site until then: every insert, save and delete is refused with the way to change a DocType.
 */
import { defineController } from '../../document';
import { ValidationError } from '../../errors';

function refuse(): never {
  throw new ValidationError('DocType records come from the DocType JSON files: change the file and run tabula migrate', [
    { fieldname: 'name', message: 'DocTypes are defined in their JSON files, not edited as records' },
  ]);
}

export default defineController({ before_insert: refuse, before_validate: refuse, on_trash: refuse });
