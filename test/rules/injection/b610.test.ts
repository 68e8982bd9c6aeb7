import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B610 Django extra() with computed SQL', () =>
    testRule('B610', {
      valid: [
        'User.objects.extra(where=["id = %s"], params=[pk])',
        'User.objects.extra(select={"is_recent": "pub_date > \'2006-01-01\'"})',
        'User.objects.extra(tables=["myapp_person"])',
      ],
      invalid: [
        { code: 'User.objects.extra(where=[f"id = {pk}"])', errors: [{ line: 1, column: 1, message: 'Use of extra potential SQL attack vector.' }], severity: 'medium', confidence: 'medium' },
        { code: 'qs = User.objects.all()\nqs.extra(select={"x": "y" + z})', lines: [2] },
        { code: 'User.objects.extra(None, where_clause)', lines: [1] },
        { code: 'User.objects.extra(tables=tables)', lines: [1] },
      ],
    }));
});
