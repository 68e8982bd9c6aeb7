"""Supplier catalogue feeds: XML over HTTP, XML-RPC and tarballs of product images (deliberately insecure)."""
import tarfile
import urllib.request
import xml.etree.cElementTree as cET
import xml.etree.ElementTree as ET
import xmlrpc.client

from lxml import etree

# Parses the supplier's XML with entity expansion, DTDs and network access turned on.
FEED_PARSER = etree.XMLParser(resolve_entities=True, no_network=False, load_dtd=True)

IMAGE_DIR = "/srv/shop/media/products"


def fetch_feed(url: str) -> bytes:
    # urlopen also accepts file:// and other schemes when the URL comes from configuration.
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def parse_prices(body: bytes) -> dict:
    # The standard-library parser expands entities: XXE and "billion laughs".
    root = ET.fromstring(body)
    return {item.get("sku"): float(item.findtext("price", "0")) for item in root.iter("item")}


def parse_stock(path: str) -> dict:
    tree = cET.parse(path)
    return {item.get("sku"): int(item.findtext("qty", "0")) for item in tree.iter("item")}


def parse_catalogue(body: bytes):
    return etree.fromstring(body, FEED_PARSER)


def supplier_orders(endpoint: str) -> list:
    # XML-RPC parses XML from the network with the unsafe standard-library parsers.
    proxy = xmlrpc.client.ServerProxy(endpoint)
    return proxy.orders.open()


def import_images(archive_path: str) -> None:
    # Every member is extracted as named: "../../etc/cron.d/x", absolute paths and links included.
    with tarfile.open(archive_path) as tar:
        tar.extractall(IMAGE_DIR)


def import_all(urls: list) -> dict:
    prices = {}
    for url in urls:
        try:
            prices.update(parse_prices(fetch_feed(url)))
        except Exception:
            continue
    return prices
