import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR129 ORM raw SQL built from strings', () =>
    testRule('KR129', {
      valid: [
        'from sqlalchemy import text\ndb.execute(text("SELECT * FROM u WHERE id = :id"), {"id": uid})',
        'User.objects.raw("SELECT * FROM u WHERE name = %s", [name])',
        'from sqlalchemy import text\nQ = "SELECT 1"\ndb.execute(text(Q))',
      ],
      invalid: [
        { code: 'from sqlalchemy import text\ndb.session.execute(text(f"SELECT * FROM users WHERE email = \'{email}\'"))', errors: [{ line: 2, column: 20, message: 'sqlalchemy.text() with SQL built from strings: use bound parameters (text("... :name"), {"name": value}).' }] },
        { code: 'User.objects.raw("SELECT * FROM app_user WHERE name = \'%s\'" % name)', lines: [1] },
        { code: 'q = "SELECT * FROM t WHERE a = " + a\nfrom django.db.models.expressions import RawSQL\nqs.annotate(x=RawSQL(q, []))', lines: [3] },
        { code: 'Entry.objects.extra(where=["headline = \'%s\'" % h])', lines: [1] },
      ],
    }));
});
