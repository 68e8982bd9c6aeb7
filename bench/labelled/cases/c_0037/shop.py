from aiohttp import web
from lxml import etree

PRODUCTS = etree.parse("/srv/shop/products.xml")


def _as_text(nodes):
    return [str(n).strip() for n in nodes]


async def products_by_category(request):
    category = request.query.get("category", "")
    names = PRODUCTS.xpath("//product[category='%s']/name/text()" % category)
    return web.json_response({"category": category, "products": _as_text(names)})


async def health(request):
    return web.json_response({"ok": True})


def make_app():
    app = web.Application()
    app.router.add_get("/products", products_by_category)
    app.router.add_get("/health", health)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8090)
