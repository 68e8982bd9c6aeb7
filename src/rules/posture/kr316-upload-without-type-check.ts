import { defineRule } from '../../core/rule.js';
import { walk } from '../../python/visit.js';
import { dotted, identifiers, lastSegment } from '../../python/helpers.js';
import { httpHandlers } from './route-access.js';

const CHECKS = /^(content_type|mimetype|content_length|secure_filename|splitext|suffix|endswith|ALLOWED_EXTENSIONS|allowed_file|size|filetype|magic|imghdr|guess_type|validate_image|FileExtensionValidator|MAX_CONTENT_LENGTH)$/;

/** KR316: a file upload saved or read with no type or size check. */
export const uploadWithoutTypeCheck = defineRule({
  id: 'KR316',
  name: 'upload-without-type-check',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'medium',
  cwe: [434],
  docs: {
    what: "Flags route handlers that take an uploaded file (`request.files[...]`, `request.FILES[...]`, FastAPI `UploadFile`) and never look at its type, extension or size (`content_type`, `mimetype`, `secure_filename`, `splitext`, an allow-list, `size`).",
    why: 'An unchecked upload can store HTML or scripts served back from your domain, executables, or huge files; a client-chosen filename can also escape the upload folder (CWE-434 unrestricted upload of file with dangerous type).',
    example: 'f = request.files["avatar"]\nf.save(os.path.join("uploads", f.filename))',
    instead: 'f = request.files["avatar"]\nname = secure_filename(f.filename)\nif os.path.splitext(name)[1].lower() not in {".png", ".jpg"}:\n    abort(400)\nf.save(os.path.join("uploads", name))',
    references: ['https://cwe.mitre.org/data/definitions/434.html', 'https://flask.palletsprojects.com/en/latest/patterns/fileuploads/', 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        for (const body of h.bodies) {
          const takesUpload = h.route.inputs.some((i) => /request\.(files|FILES)/.test(i)) || body.args.args.some((a) => a.annotation && /UploadFile/.test(dotted(a.annotation)) || (a.annotation?.type === 'Subscript' && identifiers(a.annotation).includes('UploadFile')));
          if (!takesUpload) continue;
          let checked = false;
          walk(body, (n) => {
            if (checked) return false;
            if ((n.type === 'Attribute' && CHECKS.test(n.attr)) || (n.type === 'Name' && CHECKS.test(n.id))) checked = true;
            if (n.type === 'Call' && CHECKS.test(lastSegment(dotted(n.func)))) checked = true;
            return undefined;
          });
          if (!checked) ctx.report(h.node, { message: `${h.route.path ?? h.route.handler} accepts a file upload without checking its type, name or size.`, fix: 'Check the extension/content type against an allow-list, use secure_filename(), and cap the size (MAX_CONTENT_LENGTH or UploadFile.size).' });
        }
      }
    },
  },
});
