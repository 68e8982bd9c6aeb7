import json
import zlib
from pathlib import Path

CACHE_DIR = Path("/var/cache/reports")


def save_blob(report_id, obj):
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    target = CACHE_DIR / f"report-{int(report_id)}.json.z"
    target.write_bytes(zlib.compress(json.dumps(obj).encode("utf-8")))


def load_blob(data):
    if data[:2] == b"\x78\x9c":
        data = zlib.decompress(data)
    return json.loads(data.decode("utf-8"))
