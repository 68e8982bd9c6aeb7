import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR115: data-flow rule (see src/taint/). */
export const absolutePathJoinTaint = defineRule({
  id: 'KR115',
  name: 'absolute-path-join-taint',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [36, 22],
  docs: {
    what: "Reports file operations on a path built by `os.path.join(base, user_value)`, `Path(base, user_value)` or `base / user_value` where the later part is untrusted and the result is not checked.",
    why: "When a later part is absolute, `os.path.join` and `pathlib` drop everything before it: `os.path.join('/srv/uploads', '/etc/passwd')` is `/etc/passwd`. `..` parts escape the base too (CWE-36, CWE-22).",
    example: "path = os.path.join(UPLOAD_DIR, request.args[\"name\"])\nreturn send_file(path)",
    instead: "path = os.path.join(UPLOAD_DIR, secure_filename(request.args[\"name\"]))\nreturn send_file(path)",
    references: ["https://cwe.mitre.org/data/definitions/36.html", "https://docs.python.org/3/library/os.path.html#os.path.join"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is joined into a path that reaches \`${sink}\`: an absolute value replaces the base directory; use secure_filename()/basename() or check the resolved path stays inside the base.`);
    },
  },
});
