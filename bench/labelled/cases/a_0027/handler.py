import json

DEFAULT_RULE = "amount > 0 and amount < 10000"


def evaluate(rule, amount, currency):
    env = {"__builtins__": {}}
    return bool(eval(rule, env, {"amount": amount, "currency": currency}))


def lambda_handler(event, context):
    try:
        body = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError:
        return {"statusCode": 400, "body": "invalid json"}

    amount = float(body.get("amount", 0))
    currency = body.get("currency", "USD")
    rule = body.get("rule") if body.get("custom_rule") else DEFAULT_RULE

    approved = evaluate(rule, amount, currency)
    return {
        "statusCode": 200,
        "body": json.dumps({"approved": approved, "amount": amount}),
    }
