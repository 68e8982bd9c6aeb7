KNOWN_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY")


def normalize_currency(raw, default="EUR"):
    if raw is None:
        return default
    code = raw.strip().upper()
    if code in KNOWN_CURRENCIES:
        return code
    return default
