/**
 * XML parser objects for triage (CWE-611): where a parser made by `xml.sax.make_parser()`,
 * `xml.sax.expatreader.create_parser()` or lxml's `etree.XMLParser(...)` is used, and
 * whether a module turns external entities on. A parser kept in a local variable is
 * followed through its uses in the function: `etree.fromstring(data, parser)`,
 * `etree.parse(src, parser)`, `pulldom.parseString(data, parser=parser)`,
 * `parser.parse(src)`, `parser.feed(data)` read a document (whose value triage then
 * judges); configuration calls (`setFeature`, `setContentHandler`, `close`…) read none;
 * anything else — returned, stored in an attribute or a container, passed to another
 * function, used in a nested function — lets the parser escape, and krait cannot tell
 * what it will parse.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { walk } from '../python/visit.js';
import { boundCall } from './models/predicates.js';
import { IN_MEMORY_FILES } from './models/stdlib.js';

/** Parse functions that take a parser object (positional argument 1, or `parser=`), with the document as argument 0. */
const PARSE_WITH_PARSER = new Set(
  [
    ...['fromstring', 'XML', 'parse', 'XMLID', 'fromstringlist'].map((f) => `lxml.etree.${f}`),
    ...['fromstring', 'XML', 'parse'].map((f) => `lxml.objectify.${f}`),
    ...['fromstring', 'XML', 'parse', 'XMLID', 'iterparse'].flatMap((f) => [`xml.etree.ElementTree.${f}`, `xml.etree.cElementTree.${f}`]),
    ...['parse', 'parseString'].flatMap((f) => [`xml.dom.minidom.${f}`, `xml.dom.pulldom.${f}`]),
  ],
);

/** Keywords that name the document in those parse functions. */
const DOCUMENT_KEYWORDS = new Set(['source', 'text', 'string', 'file', 'xml', 'stream_or_string', 'filename_or_file']);

/** Methods of a parser object that read a document (argument 0). */
const READING_METHODS = new Set(['parse', 'feed', 'parseString']);

/** Methods of a parser object that configure it or read results, and read no document. */
const QUIET_METHODS = new Set([
  'setFeature', 'getFeature', 'setProperty', 'getProperty', 'setContentHandler', 'getContentHandler', 'setErrorHandler', 'getErrorHandler',
  'setDTDHandler', 'getDTDHandler', 'setEntityResolver', 'getEntityResolver', 'setLocale', 'close', 'reset', 'read_events', 'set_element_class_lookup',
  'makelement', 'copy',
]);

/** A document a parser reads: the expression, and whether it names a file or stream (whose contents are what matters) rather than holding the XML text. */
export interface ParsedDocument {
  expr: A.Expr;
  file: boolean;
}

/** How a parser object is used in its function. */
export interface ParserUses {
  /** The documents it parses (to be judged: constant, untrusted, unknown). */
  documents: ParsedDocument[];
  /** Why krait cannot see every use (the parser escapes), or null. */
  escapes: string | null;
}

/** Functions and methods whose document argument is XML text (`fromstring`, `XML`, `feed`, `parseString`); the others take a file name, URL or stream. */
const TEXT_READERS = /(?:^|\.)(?:fromstring|fromstringlist|XML|XMLID|feed|parseString)$/;

function documentOf(call: A.Call, sem: SemanticModel): ParsedDocument | null {
  const a = call.args[0];
  const expr = a && a.type !== 'Starred' ? a : (call.keywords.find((k) => k.arg !== null && DOCUMENT_KEYWORDS.has(k.arg))?.value ?? null);
  if (!expr) return null;
  const name = sem.callName(call) ?? (call.func.type === 'Attribute' ? call.func.attr : '');
  if (TEXT_READERS.test(name)) return { expr, file: false };
  // A stream made in memory (`io.StringIO(text)`, `io.BytesIO(data)`, directly or through a
  // name bound once) holds the text it was made from: that text is the document.
  const stream = boundCall(expr, sem);
  if (stream && IN_MEMORY_STREAMS.has(sem.callName(stream) ?? '') && stream.args.length === 1 && stream.args[0].type !== 'Starred' && !stream.keywords.length) {
    return { expr: stream.args[0], file: false };
  }
  return { expr, file: true };
}

/** Constructors of in-memory streams whose only argument is their whole content. */
const IN_MEMORY_STREAMS: ReadonlySet<string> = new Set(IN_MEMORY_FILES);

/** Is `e` passed as the parser of a parse function call? Returns that call. */
function parserSlotOf(e: A.Expr, sem: SemanticModel): A.Call | null {
  let call: A.AnyNode | null = e.parent;
  let viaKeyword = false;
  if (call && call.type === 'keyword') {
    if (call.arg !== 'parser') return null;
    viaKeyword = true;
    call = call.parent;
  }
  if (!call || call.type !== 'Call') return null;
  if (!viaKeyword && call.args[1] !== e) return null;
  return PARSE_WITH_PARSER.has(sem.callName(call) ?? '') ? call : null;
}

/**
 * The uses of the parser `call` creates: passed straight to a parse function, or bound
 * once to a local name and used only as a parser in that function.
 */
export function parserUses(call: A.Call, sem: SemanticModel): ParserUses {
  const direct = parserSlotOf(call, sem);
  if (direct) {
    const d = documentOf(direct, sem);
    return d ? { documents: [d], escapes: null } : { documents: [], escapes: `the parse call at line ${direct.lineno} names no document` };
  }
  const assign = call.parent;
  if (!assign || assign.type !== 'Assign' || assign.targets.length !== 1 || assign.targets[0].type !== 'Name') {
    return { documents: [], escapes: 'the parser is not kept in a local variable' };
  }
  const name = (assign.targets[0]).id;
  const b = sem.lookup(name, call);
  if (!b || b.kind !== 'assign' || b.count !== 1) return { documents: [], escapes: `'${name}' is bound more than once` };
  let scope: A.AnyNode | null = assign.parent;
  while (scope && scope.type !== 'FunctionDef' && scope.type !== 'AsyncFunctionDef' && scope.type !== 'Module') scope = scope.parent;
  if (!scope) return { documents: [], escapes: 'the parser is outside any function' };
  if (scope.type === 'Module') return { documents: [], escapes: `'${name}' is a module-level parser (other modules may use it)` };
  const documents: ParsedDocument[] = [];
  let escapes: string | null = null;
  const fn = scope;
  walk(fn, (n) => {
    if (escapes) return false;
    if (n !== fn && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) {
      let used = false;
      walk(n, (m) => {
        if (m.type === 'Name' && m.id === name) used = true;
        return !used;
      });
      if (used) escapes = `'${name}' is used in a nested function (line ${n.lineno})`;
      return false;
    }
    if (n.type !== 'Name' || n.id !== name || n === assign.targets[0]) return true;
    const p = n.parent;
    if (p && p.type === 'Attribute' && p.value === n && p.parent && p.parent.type === 'Call' && p.parent.func === p) {
      if (READING_METHODS.has(p.attr)) {
        const d = documentOf(p.parent, sem);
        if (d) documents.push(d);
        else escapes = `${name}.${p.attr}() at line ${p.lineno} names no document`;
      } else if (!QUIET_METHODS.has(p.attr)) escapes = `${name}.${p.attr}() at line ${p.lineno} is not a parse or configuration call`;
      return true;
    }
    const parse = parserSlotOf(n, sem);
    if (parse) {
      const d = documentOf(parse, sem);
      if (d) documents.push(d);
      else escapes = `the parse call at line ${parse.lineno} names no document`;
      return true;
    }
    escapes = `'${name}' escapes at line ${n.lineno} (returned, stored or passed on)`;
    return false;
  });
  return { documents, escapes };
}

const FEATURE_NAMES = /(?:^|\.)feature_external_(?:ges|pes)$/;
const FEATURE_URIS = new Set(['http://xml.org/sax/features/external-general-entities', 'http://xml.org/sax/features/external-parameter-entities']);

/**
 * Whether a module may turn external entities on: a `setFeature(feature_external_ges |
 * feature_external_pes, value)` call (by name or by URI) whose value is not provably
 * false — `True`, a constant that folds to true, or anything krait cannot fold. Returns
 * the line of the first such call, or 0.
 */
export function externalEntitiesOn(module: A.Module, sem: SemanticModel): number {
  let line = 0;
  walk(module, (n) => {
    if (line) return false;
    if (n.type !== 'Call' || n.func.type !== 'Attribute' || n.func.attr !== 'setFeature' || n.args.length < 2) return true;
    const [feature, value] = n.args as [A.Expr, A.Expr];
    const fname = feature.type === 'Name' ? feature.id : feature.type === 'Attribute' ? (sem.qualifiedName(feature) ?? feature.attr) : '';
    const q = feature.type === 'Name' ? (sem.qualifiedName(feature) ?? fname) : fname;
    const uri = sem.constValue(feature);
    if (!FEATURE_NAMES.test(q) && !FEATURE_NAMES.test(fname) && !(typeof uri === 'string' && FEATURE_URIS.has(uri))) return true;
    const v = sem.constValue(value);
    if (v === false || v === 0 || v === null) return true;
    line = n.lineno;
    return false;
  });
  return line;
}
