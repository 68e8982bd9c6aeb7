import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B611 RawSQL with computed SQL', () =>
    testRule('B611', {
      valid: [
        'from django.db.models.expressions import RawSQL\nRawSQL("select 1 where id = %s", (pk,))',
        'RawSQL(sql, ())  # no django.db.models import',
      ],
      invalid: [
        { code: 'from django.db.models.expressions import RawSQL\nq.annotate(v=RawSQL("select %s" % col, ()))', errors: [{ line: 2, column: 14, message: 'Use of RawSQL potential SQL attack vector.' }], severity: 'medium', confidence: 'medium' },
        { code: 'from django.db import models\nmodels.expressions.RawSQL(sql=query, params=())', lines: [2] },
      ],
    }));
});
