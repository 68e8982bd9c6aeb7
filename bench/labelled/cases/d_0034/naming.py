import unicodedata


def clean_report_name(raw, default="report"):
    name = unicodedata.normalize("NFKC", raw)
    name = name.replace('"', "").replace("'", "").replace(";", "")
    return name[:80] or default
