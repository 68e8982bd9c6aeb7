import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR317 user-enumeration", () => {
  it('flags answers that tell an unknown account from a wrong password', () => {
    testRule('KR317', {
      valid: [
        `@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not user.check_password(request.form["password"]):
        return jsonify(error="Invalid email or password"), 401
    return jsonify(ok=True)`,
        `def forgot_password():
    send_reset_link_if_exists(request.form["email"])
    return "If an account exists for this address, we sent a link."`,
        `def list_users():
    return "User not found"  # not an auth flow`,
      ],
      invalid: [
        {
          code: `@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return jsonify(error="User not found"), 404
    if not user.check_password(request.form["password"]):
        return jsonify(error="Wrong password"), 401
    return jsonify(ok=True)`,
          errors: [{ line: 5, column: 30, message: '\'login\' answers "User not found" for an unknown account and another message for a wrong password: anyone can test which accounts exist (user enumeration).' }],
          confidence: 'high',
        },
        {
          code: `@router.post("/password-reset")
async def request_reset(body: ResetIn):
    user = await users.get(body.email)
    if not user:
        raise HTTPException(status_code=404, detail="No account with that email")
    return {"sent": True}`,
          lines: [5],
          confidence: 'medium',
        },
        { code: `def authenticate(username, password):\n    if username not in USERS:\n        raise ValueError(f"Unknown user {username}")\n    if USERS[username] != password:\n        raise ValueError("Incorrect password")`, lines: [3], confidence: 'high' },
      ],
    });
  });
});
