import hashlib
import secrets
import string

ALPHABET = string.ascii_letters + string.digits
PREFIX = "sk_live_"


def generate_api_key(length=40):
    body = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return PREFIX + body


def fingerprint(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
