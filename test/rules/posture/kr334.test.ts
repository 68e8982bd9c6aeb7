import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR334 llm-prompt-personal-data", () => {
  it('flags personal or secret fields formatted into a prompt', () => {
    testRule('KR334', {
      valid: [
        `from openai import OpenAI
client = OpenAI()
def remind(user, card):
    prompt = f"Write a payment reminder for customer {user.public_id} about the card ending in {card.number[-4:]}"
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])`,
        `import openai
def f(email):
    send_mail(email, "hi")  # not an LLM call`,
      ],
      invalid: [
        {
          code: `from openai import OpenAI
client = OpenAI()
def remind(user, card):
    prompt = f"Write a reminder to {user.email} about card {card.number}"
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])`,
          errors: [{ line: 4, column: 37, message: '`email` (an e-mail address) is formatted into an LLM prompt and sent to the model provider.' }, { line: 4, column: 61, message: '`card.number` (payment card or bank data) is formatted into an LLM prompt and sent to the model provider.' }],
        },
        {
          code: `import anthropic
c = anthropic.Anthropic()
def ask(form):
    return c.messages.create(model="m", max_tokens=100, messages=[{"role": "user", "content": "Check this SSN: %s" % form["ssn"]}])`,
          lines: [4],
        },
        {
          code: `import litellm
def ask(password):
    return litellm.completion(model="m", messages=[{"role": "user", "content": "Is this strong? " + password}])`,
          lines: [3],
        },
      ],
    });
  });
});
