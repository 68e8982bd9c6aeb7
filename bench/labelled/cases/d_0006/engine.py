import ast
import math
from decimal import Decimal

BUILTIN_FUNCS = {
    "min": min,
    "max": max,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
}

ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
)


class RuleError(ValueError):
    pass


class RuleEngine:
    def __init__(self, tenant_id):
        self.tenant_id = tenant_id

    def _check(self, tree, scope):
        for node in ast.walk(tree):
            if not isinstance(node, ALLOWED_NODES):
                raise RuleError(f"construct not allowed: {type(node).__name__}")
            if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
                raise RuleError("only numeric literals are allowed")
            if isinstance(node, ast.Name) and node.id not in scope:
                raise RuleError(f"unknown name: {node.id}")
            if isinstance(node, ast.Call):
                if not isinstance(node.func, ast.Name) or node.func.id not in BUILTIN_FUNCS:
                    raise RuleError("only listed functions may be called")

    def evaluate(self, expression, variables):
        scope = dict(BUILTIN_FUNCS)
        scope.update({name: Decimal(value) for name, value in variables.items()})
        tree = ast.parse(expression, mode="eval")
        self._check(tree, scope)
        return eval(compile(tree, "<pricing-rule>", "eval"), {"__builtins__": {}}, scope)
