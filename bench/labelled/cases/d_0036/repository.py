from .models import Product


class ProductRepository:
    def describe(self, cart):
        skus = list(cart.keys())
        found = {p.sku: p for p in Product.query.filter(Product.sku.in_(skus)).all()}
        items = []
        for sku, qty in cart.items():
            product = found.get(sku)
            if product is None:
                continue
            items.append({"sku": sku, "name": product.name, "qty": qty, "subtotal": product.price_cents * qty})
        return items
