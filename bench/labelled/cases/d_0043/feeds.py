import io
import xml.sax

import defusedxml.sax


class FeedHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.items = []
        self._current = None
        self._field = None
        self._buffer = []

    def startElement(self, name, attrs):
        if name in ("item", "entry"):
            self._current = {}
        elif self._current is not None and name in ("title", "link", "description", "summary"):
            self._field = name
            self._buffer = []

    def characters(self, content):
        if self._field:
            self._buffer.append(content)

    def endElement(self, name):
        if self._current is not None and name == self._field:
            self._current[name] = "".join(self._buffer).strip()
            self._field = None
        elif name in ("item", "entry") and self._current is not None:
            self.items.append(self._current)
            self._current = None


def parse_feed(data: bytes):
    handler = FeedHandler()
    defusedxml.sax.parse(io.BytesIO(data), handler, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    return handler.items
