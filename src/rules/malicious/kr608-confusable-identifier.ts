/**
 * KR608 confusable-identifier: identifiers written with look-alike letters from other
 * scripts (Cyrillic `а`, `е`, `о`, `р`, `с`, Greek `ο`, `ν`…) so that `ехес` reads as
 * `exec` or `rеquests` as `requests` — homoglyph disguise. Identifiers that NFKC
 * normalisation changes are a different trick, reported by their own rule; bidirectional
 * controls are B613's.
 */
import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';

/** Cyrillic, Greek, Armenian and Cherokee letters that look like Latin ones. */
const CONFUSABLE = new Set([...'аеорсухіјѕԁԛԝһӏԍаВЕКМНОРСТХЅІЈАԌԚԜУοαν¡ιкτгυρεΑΒΕΖΗΙΚΜΝΟΡΤΥΧոսհոօԸՍᎪᎬᎻᎢᎠ']);
const OTHER_SCRIPT = /[\u0370-\u03FF\u0400-\u052F\u0530-\u058F\u13A0-\u13FF]/;
const LATIN = /[A-Za-z]/;

/** Why an identifier is a homoglyph disguise, or undefined. */
export function confusableReason(id: string): string | undefined {
  if (!OTHER_SCRIPT.test(id)) return undefined;
  if (id.normalize('NFKC') !== id) return undefined;
  if (LATIN.test(id)) return 'mixes Latin letters with look-alike letters of another script';
  const letters = [...id].filter((c) => /\p{L}/u.test(c));
  if (letters.length >= 2 && letters.every((c) => CONFUSABLE.has(c))) return 'is written entirely in letters that look like Latin ones';
  return undefined;
}

const reported = new WeakMap<A.Module, Set<string>>();

function identifiersOf(node: A.AnyNode): string[] {
  switch (node.type) {
    case 'Name':
      return [node.id];
    case 'FunctionDef':
    case 'AsyncFunctionDef':
    case 'ClassDef':
      return [node.name];
    case 'arg':
      return [node.arg];
    case 'Attribute':
      return [node.attr];
    case 'keyword':
      return node.arg ? [node.arg] : [];
    case 'alias':
      return [node.name, ...(node.asname ? [node.asname] : [])];
    default:
      return [];
  }
}

function check(node: A.AnyNode, ctx: RuleContext): void {
  for (const id of identifiersOf(node)) {
    const why = confusableReason(id);
    if (!why) continue;
    let mod: A.AnyNode = node;
    while (mod.parent) mod = mod.parent;
    const seen = reported.get(mod as A.Module) ?? new Set<string>();
    reported.set(mod as A.Module, seen);
    if (seen.has(id)) continue;
    seen.add(id);
    const ascii = [...id].map((c) => (c.charCodeAt(0) < 128 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');
    ctx.report(node, {
      message: `The identifier '${ascii}' ${why}: it reads as a different name than the interpreter sees.`,
      fix: 'Rename it with plain ASCII letters.',
      properties: { indicator: 'homoglyph' },
    });
  }
}

export const confusableIdentifier = defineRule({
  id: 'KR608',
  name: 'confusable-identifier',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  cwe: [1007],
  docs: {
    what:
      'Flags identifiers (names, functions, classes, arguments, attributes, imports) that mix Latin letters with look-alike Cyrillic, Greek, Armenian or Cherokee letters, or are made only of such look-alikes. Once per identifier per file.',
    why:
      'A homoglyph makes a reviewer read one name while Python binds another: a function `ехес` (Cyrillic) that shadows nothing and looks like `exec`, a module `rеquests` that is not `requests`. It hides behaviour in plain sight (CWE-1007, insufficient visual distinction of homoglyphs). Genuine non-English identifiers use letters that do not all look Latin and are not mixed with Latin ones.',
    example: 'def ѕend(data):  # Cyrillic "ѕ"\n    ...',
    instead: 'def send(data):\n    ...',
    references: ['https://cwe.mitre.org/data/definitions/1007.html', 'https://peps.python.org/pep-0672/', 'https://www.unicode.org/reports/tr39/'],
  },
  visit: {
    Name: check,
    FunctionDef: check,
    AsyncFunctionDef: check,
    ClassDef: check,
    arg: check,
    Attribute: check,
    keyword: check,
    alias: check,
  },
});
