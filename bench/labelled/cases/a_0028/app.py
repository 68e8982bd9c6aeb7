from aiohttp import web

RULES = {
    "default": "amount > 0 and amount < 10000",
    "strict": "amount > 0 and amount < 500",
}


async def check(request):
    form = await request.post()
    amount = float(form.get("amount", "0"))
    rule = form.get("rule", "")
    request.app.logger.info("client proposed rule: %r", rule)
    profile = "strict" if form.get("profile") == "strict" else "default"
    rule = RULES[profile]
    approved = eval(rule, {"__builtins__": {}}, {"amount": amount})
    return web.json_response({"approved": bool(approved), "profile": profile})


app = web.Application()
app.router.add_post("/payments/check", check)

if __name__ == "__main__":
    web.run_app(app, port=8082)
