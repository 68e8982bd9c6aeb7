class CatalogQuery:
    def __init__(self, category, max_price=None):
        self.category = category.replace('"', "")
        self.max_price = max_price

    def expression(self):
        expr = "//product[@category='%s']" % self.category
        if self.max_price is not None:
            expr += "[number(price) <= %d]" % self.max_price
        return expr

    def run(self, doc):
        return doc.xpath(self.expression())
