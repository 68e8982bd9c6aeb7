import urllib.request
from urllib.parse import urlsplit, urlunsplit

TRUSTED_HOST = "images.example-cdn.com"


class AvatarImporter:
    max_bytes = 2 * 1024 * 1024

    def __init__(self, source_url):
        self.source_url = source_url.strip()
        self._parts = urlsplit(self.source_url)

    def is_trusted(self):
        parts = self._parts
        return (
            parts.scheme == "https"
            and parts.hostname == TRUSTED_HOST
            and parts.port is None
            and parts.username is None
            and parts.password is None
        )

    def download(self):
        if not self.is_trusted():
            raise ValueError("untrusted avatar source")
        target = urlunsplit(("https", TRUSTED_HOST, self._parts.path, self._parts.query, ""))
        with urllib.request.urlopen(target, timeout=5) as resp:
            data = resp.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ValueError("avatar too large")
        return data
