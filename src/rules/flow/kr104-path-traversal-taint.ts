import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR104: data-flow rule (see src/taint/). */
export const pathTraversalTaint = defineRule({
  id: 'KR104',
  name: 'path-traversal-taint',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [22],
  docs: {
    what: "Follows untrusted data into file paths: `open()`, `os.remove()`, `shutil` copies and moves, `send_file()`, `FileResponse`, `pathlib` reads and writes, uploaded files' `.save()`. `os.path.basename()`, `secure_filename()`, `safe_join()` and a `startswith()`/`is_relative_to()` check on the resolved path sanitise.",
    why: "`../` sequences or an absolute path let a request read or overwrite any file the process can reach: configuration, keys, source (CWE-22).",
    example: "name = request.args[\"file\"]\nreturn open(f\"/srv/reports/{name}\").read()",
    instead: "base = Path(\"/srv/reports\").resolve()\ntarget = (base / request.args[\"file\"]).resolve()\nif not target.is_relative_to(base):\n    abort(403)\nreturn target.read_text()",
    references: ["https://cwe.mitre.org/data/definitions/22.html", "https://owasp.org/www-community/attacks/Path_Traversal"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} reaches a file path in \`${sink}\`: resolve the path and check that it stays inside the base directory (or use secure_filename()).`);
    },
  },
});
