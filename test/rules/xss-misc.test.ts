import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';

describe('template/XSS plugins', () => {
  it('B701 jinja2 autoescape', () =>
    testRule('B701', {
      valid: [
        'import jinja2\njinja2.Environment(loader=l, autoescape=True)',
        'from jinja2 import Environment, select_autoescape\nEnvironment(autoescape=select_autoescape(["html"]))',
        'import jinja2\njinja2.Environment(autoescape=jinja2.select_autoescape())',
        'Environment(loader=l)  # not jinja2',
      ],
      invalid: [
        { code: 'import jinja2\nenv = jinja2.Environment(loader=l)', errors: [{ line: 2, column: 7, message: 'By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.' }], severity: 'high', confidence: 'high' },
        { code: 'from jinja2 import Environment\nEnvironment(loader=l,\n            autoescape=False)', lines: [2], severity: 'high', confidence: 'high' },
        { code: 'import jinja2\njinja2.Environment(autoescape=should_escape)', lines: [2], severity: 'high', confidence: 'medium' },
      ],
    }));

  it('B702 mako templates', () =>
    testRule('B702', {
      valid: ['from string import Template\nTemplate("$x")', 'from mako.lookup import TemplateLookup\nTemplateLookup(directories=["t"])'],
      invalid: [
        { code: 'from mako.template import Template\nTemplate("hello ${x}")', errors: [{ line: 2, column: 1, message: 'Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the \'n\', \'h\' or \'x\' flags (depending on context). For example, to HTML escape the variable \'data\' do ${ data |h }.' }], severity: 'medium', confidence: 'high' },
        { code: 'import mako.template\nmako.template.Template(text)', lines: [2] },
      ],
    }));

  it('B703 mark_safe on values not provably literal', () =>
    testRule('B703', {
      valid: [
        'from django.utils.safestring import mark_safe\nmark_safe("<b>x</b>")',
        'from django.utils.safestring import mark_safe\nmy_secure_str = "<b>Hello World</b>"\nmark_safe(my_secure_str)',
        'from django.utils.safestring import mark_safe\na = "x"\nb = "<i>{}</i>".format(a)\nmark_safe(b)',
        'from django.utils.safestring import mark_safe\nmark_safe("<b>%s</b>" % "x")',
        'from django.utils.safestring import mark_safe\ndef f():\n    if c:\n        s = "a"\n    else:\n        s = "b"\n    return mark_safe(s)',
        'mark_safe(x)  # django.utils.safestring not imported',
      ],
      invalid: [
        { code: 'from django.utils.safestring import mark_safe\ndef f(name):\n    return mark_safe(name)', errors: [{ line: 3, column: 12, message: 'Potential XSS on mark_safe function.' }], severity: 'medium', confidence: 'high' },
        { code: 'from django.utils.safestring import mark_safe\nmark_safe("<b>{}</b>".format(request.GET["q"]))', lines: [2] },
        { code: 'from django.utils.safestring import SafeString\nx = get()\nSafeString(x)', lines: [3] },
        { code: 'from django.utils.safestring import mark_safe\nmark_safe(f"<b>{x}</b>")', lines: [2] },
        { code: 'from django.utils import safestring\ns = "a"\ns += user\nsafestring.mark_safe(s)', lines: [4] },
      ],
    }));

  it('B704 markupsafe.Markup on non-constants, local subclasses and options', () =>
    testRule('B704', {
      valid: [
        'from markupsafe import Markup\nMarkup("<b>ok</b>")',
        'from markupsafe import Markup, escape\nMarkup("<b>{}</b>").format(x)',
        { code: 'import bleach\nfrom markupsafe import Markup\nMarkup(bleach.clean(x))', options: { ruleOptions: { B704: { allowed_calls: ['bleach.clean'] } } } },
      ],
      invalid: [
        { code: 'from markupsafe import Markup\nMarkup(f"<b>{x}</b>")', errors: [{ line: 2, column: 1, message: 'Potential XSS with ``markupsafe.Markup`` detected. Do not use ``Markup`` on untrusted data.' }], severity: 'medium', confidence: 'high' },
        { code: 'import flask\nflask.Markup("x {}".format(y))', lines: [2] },
        { code: 'import markupsafe\nclass Safe(markupsafe.Markup):\n    pass\nclass Safer(Safe):\n    pass\nSafer(content)', lines: [6] },
        { code: 'from webhelpers.html import literal\nliteral(x)', lines: [2], options: { ruleOptions: { B704: { extend_markup_names: ['webhelpers.html.literal'] } } } },
      ],
    }));

  it('B704 message names the qualified and the bare name', () => {
    expect(runOn('from markupsafe import Markup\nMarkup(x)', ['B704'])[0]!.message).toBe('Potential XSS with ``markupsafe.Markup`` detected. Do not use ``Markup`` on untrusted data.');
  });
});

describe('misc plugins', () => {
  it('B103 permissive chmod modes', () =>
    testRule('B103', {
      valid: ['import os\nos.chmod(p, 0o600)', 'import os\nos.chmod(p, 0o644)', 'import os\nos.chmod(p, 0o664)', 'import os\nos.chmod(p, 0o760)', 'import os, stat\nos.chmod(p, stat.S_IRWXU)', 'import os\nos.chmod(p, mode)'],
      invalid: [
        { code: 'import os\nos.chmod("/etc/hosts", 0o777)', errors: [{ line: 2, column: 1, message: 'Chmod setting a permissive mask 0o777 on file (/etc/hosts).' }], severity: 'high', confidence: 'high' },
        { code: 'import os\nos.chmod(key_file, 0o755)', lines: [2], severity: 'medium' },
        { code: 'from pathlib import Path\nPath(p).chmod(0o666)\nos.fchmod(fd, 0x1ff)', lines: [3], severity: 'high' },
        { code: 'import os\nos.chmod(p, 0o701)', lines: [2], severity: 'medium' },
      ],
    }));

  it('B103 message is bandit\'s', () => {
    expect(runOn('import os\nos.chmod("/etc/hosts", 0o777)', ['B103'])[0]!.message).toBe('Chmod setting a permissive mask 0o777 on file (/etc/hosts).');
    expect(runOn('import os\nos.chmod(f(), 0o777)', ['B103'])[0]!.message).toBe('Chmod setting a permissive mask 0o777 on file (NOT PARSED).');
  });

  it('B112 try/except/continue honours check_typed_exception', () =>
    testRule('B112', {
      valid: [
        'for x in y:\n    try:\n        a()\n    except ValueError:\n        continue',
        'for x in y:\n    try:\n        a()\n    except Exception:\n        log()\n        continue',
      ],
      invalid: [
        { code: 'for x in y:\n    try:\n        a()\n    except:\n        continue', errors: [{ line: 4, column: 5, message: 'Try, Except, Continue detected.' }], severity: 'low', confidence: 'high' },
        { code: 'while True:\n    try:\n        a()\n    except Exception:\n        continue', lines: [4] },
        { code: 'for x in y:\n    try:\n        a()\n    except KeyError:\n        continue', lines: [4], options: { ruleOptions: { B112: { check_typed_exception: true } } } },
      ],
    }));

  it('B202 tarfile.extractall: high, medium with members, low with a members function, none with filter="data"', () =>
    testRule('B202', {
      valid: [
        'import tarfile\nt = tarfile.open(p)\nt.extractall(d, filter="data")',
        'import zipfile\nz.extractall(d)',
        'from tarfile import open as o\no(p).extractall(d)  # bandit needs `import tarfile`',
      ],
      invalid: [
        { code: 'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d)', errors: [{ line: 3, column: 5, message: 'tarfile.extractall used without any validation. Please check and discard dangerous members.' }], severity: 'high', confidence: 'high' },
        { code: 'import tarfile\nt.extractall(d, members=safe_members(t))', lines: [2], severity: 'low', confidence: 'low' },
        { code: 'import tarfile\nt.extractall(d, members=ms)', lines: [2], severity: 'medium', confidence: 'medium' },
        { code: 'import tarfile\nt.extractall(d, filter="tar")', lines: [2], severity: 'high' },
      ],
    }));

  it('B613 bidirectional control characters: first line only', () =>
    testRule('B613', {
      valid: ['x = "plain"\n# comment', 's = "\\u202e escaped is fine"'],
      invalid: [
        { code: 'a = 1\nif access_level != "user\u202E \u2066# Check if admin\u2069 \u2066":\n    pass\n# \u200F', errors: [{ line: 2, column: 25, message: 'A Python source file contains bidirectional control characters (\'\\u202e\').' }], severity: 'high', confidence: 'medium' },
      ],
    }));

  it('B613 message', () => {
    expect(runOn('# \u202e\n', ['B613'])[0]!.message).toBe("A Python source file contains bidirectional control characters ('\\u202e').");
  });

  it('B614 torch.load without weights_only=True', () =>
    testRule('B614', {
      valid: [
        'import torch\ntorch.load("m.pt", weights_only=True)',
        'import torch\ntorch.jit.load("m.pt")',
        'from torch import load\nload("m.pt")  # bandit needs `import torch`',
        'import pickle\npickle.load(f)',
      ],
      invalid: [
        { code: 'import torch\nm.load_state_dict(torch.load("m.pt"))', errors: [{ line: 2, column: 19, message: 'Use of unsafe PyTorch load' }], severity: 'medium', confidence: 'high' },
        { code: 'import torch\ntorch.load("m.pt",\n    map_location="cpu", weights_only=False)', lines: [2] },
      ],
    }));
});
