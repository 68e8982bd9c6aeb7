import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR126 zip slip in member loops', () =>
    testRule('KR126', {
      valid: [
        'import zipfile\nzf.extractall(dest)',
        'import os\nbase = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if os.path.commonpath([base, target]) != base:\n        raise ValueError(name)\n    open(target, "wb").write(zf.read(name))',
        'import os\nbase = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if not target.startswith(base + os.sep):\n        raise ValueError(name)\n    open(target, "wb").write(zf.read(name))',
        'import os\nfor info in zf.infolist():\n    target = os.path.join(dest, os.path.basename(info.filename))\n    open(target, "wb").write(zf.read(info))',
        'import os\nfrom .paths import safe_target\nfor name in zf.namelist():\n    target = safe_target(dest, name)\n    open(os.path.join(dest, name), "wb").write(zf.read(name))',
        'import os\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if not target.startswith(f"{base}{os.sep}"):\n        continue\n    open(target, "wb").write(zf.read(name))',
      ],
      invalid: [
        // Resolved but never compared with the destination.
        { code: 'import os\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(dest, name))\n    open(target, "wb").write(zf.read(name))', lines: [3] },
        // A prefix without a separator: dest_evil/… passes.
        {
          code: 'import os\ndest = os.path.realpath(dest)\nfor info in zf.infolist():\n    target = os.path.realpath(os.path.join(dest, info.filename))\n    if not target.startswith(dest):\n        raise ValueError(info.filename)\n    open(target, "wb").write(zf.read(info))',
          errors: [{ line: 5, message: /string prefix that does not end with a separator/ }],
        },
        // The member list bound to a name first.
        { code: 'import os\nmembers = zf.infolist()\nfor info in members:\n    open(os.path.join(dest, info.filename), "wb").write(zf.read(info))', lines: [4] },
        // A helper whose name says nothing of a check is no check.
        { code: 'import os\nfrom .paths import log_member\nfor name in zf.namelist():\n    log_member(name)\n    open(os.path.join(dest, name), "wb").write(zf.read(name))', lines: [5] },
        // commonprefix compares characters, not path parts.
        { code: 'import os\nfor name in zf.namelist():\n    target = os.path.join(dest, name)\n    if os.path.commonprefix([dest, target]) != dest:\n        continue\n    open(target, "wb").write(zf.read(name))', lines: [3] },
        { code: 'import os\nfor name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))', errors: [{ line: 3, column: 15, message: 'Output path built from an archive member name without a containment check (zip slip): resolve it and check it stays inside the destination, or use extractall() with filter="data".' }] },
        { code: 'for member in tar.getmembers():\n    path = dest / member.name\n    path.write_bytes(tar.extractfile(member).read())', lines: [2] },
      ],
    }));
});
