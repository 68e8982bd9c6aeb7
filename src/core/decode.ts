import iconv from 'iconv-lite';

/**
 * Decode a Python source file's bytes as CPython would (PEP 263 / PEP 3120):
 * a UTF-8 BOM means UTF-8; else a `coding[:=]name` comment on line 1 or 2 names the
 * encoding; else UTF-8. Never throws: bytes that do not decode become U+FFFD and the
 * result carries a one-line `problem`.
 */
export function decodePython(bytes: Uint8Array): { text: string; encoding: string; problem?: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), 'utf-8-sig');
  }
  const declared = codingCookie(bytes);
  if (declared && !/^utf[-_]?8(?:[-_].*)?$/i.test(declared)) {
    const name = declared.toLowerCase().replace(/_/g, '-');
    const alias = name === 'latin-1' || name === 'iso-latin-1' || name === 'l1' ? 'latin1' : name;
    if (iconv.encodingExists(alias)) {
      return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), alias), encoding: alias };
    }
    const r = utf8(bytes, 'utf-8');
    return { ...r, problem: `unknown encoding ${JSON.stringify(declared)} declared; read as UTF-8` };
  }
  return utf8(bytes, 'utf-8');
}

/** Decode any text file: BOMs honoured, UTF-8 otherwise, bad bytes replaced and reported. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string; problem?: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc).replace(/^\uFEFF/, ''), encoding: enc };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), 'utf-8-sig');
  return utf8(bytes, 'utf-8');
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

function utf8(bytes: Uint8Array, encoding: string): { text: string; encoding: string; problem?: string } {
  try {
    return { text: strict.decode(bytes), encoding };
  } catch {
    const text = lenient.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad === -1 ? 0 : text.slice(0, bad).split('\n').length;
    return { text, encoding, problem: `invalid UTF-8 bytes (first on line ${line}); they were replaced and the rest analysed` };
  }
}

/** The PEP 263 encoding declared in the first two lines, if any. */
export function codingCookie(bytes: Uint8Array): string | undefined {
  let end = 0;
  let lines = 0;
  while (end < bytes.length && end < 1024) {
    if (bytes[end] === 0x0a) {
      lines++;
      if (lines === 2) break;
    }
    end++;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end, bytes.byteLength)).toString('latin1');
  for (const line of head.split(/\r?\n/).slice(0, 2)) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1];
    // A non-comment, non-blank first line ends the search (PEP 263).
    if (!/^[ \t\f]*(#.*)?$/.test(line)) return undefined;
  }
  return undefined;
}

/** True when the bytes look binary (a NUL byte in the first 8 KB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Universal newlines, as CPython reads source files: `\r\n` and a lone `\r` both end a
 * line, so `# comment\ros.system(x)` is a comment and then code. Returns the text with
 * every line end as `\n`; line N of the result is CPython's line N, and columns are
 * unchanged (a line's own characters are not touched). The same text when it has no `\r`.
 */
export function universalNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
