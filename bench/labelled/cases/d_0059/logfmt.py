def for_log(value, limit=120):
    text = str(value)[:limit]
    return text.encode("unicode_escape").decode("ascii")
