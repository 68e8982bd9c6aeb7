import re

MAX_TERM_LENGTH = 100


def normalize_pattern(raw):
    cleaned = " ".join(raw.split())[:MAX_TERM_LENGTH]
    return re.escape(cleaned)
