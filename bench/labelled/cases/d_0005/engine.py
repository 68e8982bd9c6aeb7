import math
from decimal import Decimal

BUILTIN_FUNCS = {
    "min": min,
    "max": max,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
}


class RuleEngine:
    def __init__(self, tenant_id):
        self.tenant_id = tenant_id

    def evaluate(self, expression, variables):
        scope = dict(BUILTIN_FUNCS)
        scope.update({name: Decimal(value) for name, value in variables.items()})
        return eval(expression, {"__builtins__": {}}, scope)
