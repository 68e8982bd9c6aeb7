import pickle
import zlib
from pathlib import Path

CACHE_DIR = Path("/var/cache/reports")


def save_blob(report_id, obj):
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    target = CACHE_DIR / f"report-{int(report_id)}.bin"
    target.write_bytes(zlib.compress(pickle.dumps(obj)))


def load_blob(data):
    if data[:2] == b"\x78\x9c":
        data = zlib.decompress(data)
    return pickle.loads(data)
