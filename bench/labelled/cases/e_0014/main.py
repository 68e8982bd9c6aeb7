from fastapi import FastAPI

app = FastAPI()


class FormulaHolder:
    def __init__(self, user_value):
        self.user_value = user_value
        self.default_expr = "sum(range(10))"

    def describe(self):
        return "formula(%d chars)" % len(self.user_value)


@app.get("/formula")
def formula(expr: str = ""):
    holder = FormulaHolder(expr.strip())
    value = eval(compile(holder.user_value, "<formula>", "eval"))
    return {"label": holder.describe(), "value": value}
