import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR126 zip slip in member loops', () =>
    testRule('KR126', {
      valid: [
        'import zipfile\nzf.extractall(dest)',
        'import os\nbase = os.path.realpath(dest)\nfor name in zf.namelist():\n    target = os.path.realpath(os.path.join(base, name))\n    if os.path.commonpath([base, target]) != base:\n        raise ValueError(name)\n    open(target, "wb").write(zf.read(name))',
      ],
      invalid: [
        { code: 'import os\nfor name in zf.namelist():\n    with open(os.path.join(dest, name), "wb") as out:\n        out.write(zf.read(name))', errors: [{ line: 3, column: 15, message: 'Output path built from an archive member name without a containment check (zip slip): resolve it and check it stays inside the destination, or use extractall() with filter="data".' }] },
        { code: 'for member in tar.getmembers():\n    path = dest / member.name\n    path.write_bytes(tar.extractfile(member).read())', lines: [2] },
      ],
    }));
});
