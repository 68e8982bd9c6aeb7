from functools import lru_cache

from lxml import etree

CATALOG_PATH = "/srv/shop/data/catalog.xml"


@lru_cache(maxsize=1)
def load_catalog():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(CATALOG_PATH, parser)


def to_dict(node):
    return {
        "sku": node.get("sku"),
        "name": node.findtext("name", ""),
        "price": node.findtext("price", "0"),
        "category": node.get("category"),
    }
