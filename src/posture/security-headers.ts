/**
 * Which browser security headers the project sets somewhere, read from its Python sources:
 * the facts behind KR309 (missing-security-headers, `src/rules/project/`). One file cannot
 * tell, since a header may come from middleware, an extension or a settings module
 * anywhere in the code.
 */

/** Signs, in Python source, that something sets each header. */
const SIGNS: { header: string; re: RegExp }[] = [
  { header: 'Content-Security-Policy', re: /Content-Security-Policy|flask_talisman|\bTalisman\s*\(|\bCSP_[A-Z_]+\s*=|SECURE_CSP|\bcsp\.middleware|ContentSecurityPolicyMiddleware|\bsecure\.(?:Secure|ContentSecurityPolicy)\b|\bsecweb\b|SecWeb\s*\(/ },
  { header: 'X-Frame-Options', re: /X-Frame-Options|frame-ancestors|XFrameOptionsMiddleware|flask_talisman|\bTalisman\s*\(|\bsecure\.Secure\b|\bsecweb\b|SecWeb\s*\(/i },
  { header: 'X-Content-Type-Options', re: /X-Content-Type-Options|nosniff|django\.middleware\.security\.SecurityMiddleware|flask_talisman|\bTalisman\s*\(|\bsecure\.Secure\b|\bsecweb\b|SecWeb\s*\(/i },
];

/** The headers one Python file's text shows signs of setting (in the order of {@link SecurityHeaderSigns.missing}). */
export function headersSetIn(text: string): string[] {
  return SIGNS.filter((s) => s.re.test(text)).map((s) => s.header);
}

/** Collects, file by file, which headers the project sets. */
export class SecurityHeaderSigns {
  private readonly set = new Set<string>();

  /** Count the headers one file sets (see {@link headersSetIn}). */
  addHeaders(headers: readonly string[]): void {
    for (const h of headers) this.set.add(h);
  }

  /** The headers no file set: Content-Security-Policy, X-Frame-Options, X-Content-Type-Options, in that order. */
  missing(): string[] {
    return SIGNS.map((s) => s.header).filter((h) => !this.set.has(h));
  }
}
