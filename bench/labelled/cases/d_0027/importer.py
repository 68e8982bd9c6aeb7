import urllib.request

TRUSTED_PREFIX = "https://images.example-cdn.com"


class AvatarImporter:
    max_bytes = 2 * 1024 * 1024

    def __init__(self, source_url):
        self.source_url = source_url.strip()

    def is_trusted(self):
        return self.source_url.startswith(TRUSTED_PREFIX)

    def download(self):
        with urllib.request.urlopen(self.source_url, timeout=5) as resp:
            data = resp.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ValueError("avatar too large")
        return data
