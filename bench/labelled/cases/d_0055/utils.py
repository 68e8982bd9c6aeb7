import secrets
import string

TOKEN_ALPHABET = string.ascii_letters + string.digits


def make_reset_code(length=32):
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))


def mask_email(address):
    local, _, domain = address.partition("@")
    return (local[:2] + "***@" + domain) if domain else "***"
