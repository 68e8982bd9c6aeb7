/** HTML (issue 16): status icons are inline SVG with a word, never emoji (which some browsers draw as empty boxes). */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { makeReport } from './make-report.js';

describe('HTML status icons', () => {
  it('are inline SVG with yes/no, not ✅/❌', () => {
    const html = renderHtml(makeReport());
    expect(html).not.toMatch(/[\u2705\u274c\u2714\u2716]/u);
    expect(html).toMatch(/<span class="(ok|bad)"><svg class="icon"[^>]*aria-hidden="true"[^>]*>.*?<\/svg> (yes|no)<\/span>/);
  });
});
