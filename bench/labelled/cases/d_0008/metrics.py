class DerivedMetric:
    def __init__(self, name, formula):
        self.name = name
        self.formula = formula

    def compute(self, row):
        namespace = {"row": row}
        namespace.update(row)
        return eval(self.formula, namespace)
