import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR127 credentials over http', () =>
    testRule('KR127', {
      valid: [
        'import requests\nrequests.get("https://api.example.com/x", headers={"Authorization": tok}, timeout=5)',
        'import requests\nrequests.get("http://localhost:8080/x", auth=(u, p), timeout=5)',
        'import requests\nrequests.get("http://example.com/page", timeout=5)',
      ],
      invalid: [
        { code: 'import requests\nrequests.get("http://api.example.com/v1/orders", headers={"Authorization": f"Bearer {token}"}, timeout=10)', errors: [{ line: 2, column: 14, message: 'Credentials (the Authorization header) sent over plain http://: use https:// so they cannot be read on the way.' }] },
        { code: 'import requests\nrequests.post("http://api.example.com/login", json={"username": u, "password": p}, timeout=10)', lines: [2] },
        { code: 'import requests\nrequests.get(f"http://api.example.com/data?api_key={KEY}", timeout=10)', lines: [2] },
        { code: 'import httpx\nhttpx.get("http://internal/x",\n    auth=("svc", pw))', lines: [2] },
      ],
    }));
});
