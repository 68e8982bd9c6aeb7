from flask import Flask, Response, request
from lxml import etree

app = Flask(__name__)

FEED_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)


def summarize_feed(root):
    items = root.findall(".//item")
    return [(item.findtext("title") or "").strip() for item in items]


@app.route("/feeds/preview", methods=["POST"])
def preview_feed():
    document = request.data
    try:
        root = etree.fromstring(document, FEED_PARSER)
    except etree.XMLSyntaxError as exc:
        return Response(f"invalid feed: {exc}", status=400, mimetype="text/plain")
    titles = summarize_feed(root)
    return Response("\n".join(titles), mimetype="text/plain")
