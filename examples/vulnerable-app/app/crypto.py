"""Encryption of stored card tokens, vouchers and webhook signatures (deliberately weak)."""
import marshal
import os
import socket
import ssl

# PyCrypto: unmaintained since 2013, with known vulnerabilities.
from Crypto.Cipher import AES, ARC4, DES
from Crypto.Hash import MD5
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# Hardcoded key material: everyone with the source (or its git history) can decrypt.
CARD_KEY = b"0123456789abcdef"
CARD_IV = b"fedcba9876543210"

# The JWT signing key pasted into the source. This is a fake key: its body is the base64
# alphabet counted off, but a real one committed like this is just as public.
JWT_SIGNING_KEY = """-----BEGIN RSA PRIVATE KEY-----
0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/
789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/0123456
EFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/0123456789ABCD
LMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/0123456789ABCDEFGHIJK
STUVWXYZabcdefghijklmnopqrstuvwxyz+/0123456789ABCDEFGHIJKLMNOPQR
Zabcdefghijklmnopqrstuvwxyz+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXY
-----END RSA PRIVATE KEY-----
"""


def encrypt_card_token(token: bytes) -> bytes:
    # Literal key and a fixed IV (KR123): equal tokens encrypt to equal ciphertexts.
    cipher = AES.new(CARD_KEY, AES.MODE_CBC, CARD_IV)
    return cipher.encrypt(token.ljust(32, b"\0"))


def encrypt_voucher(code: bytes, key: bytes) -> bytes:
    # DES: a 56-bit key, brute-forced in hours.
    return DES.new(key[:8], DES.MODE_ECB).encrypt(code.ljust(8, b"\0"))


def scramble_gift_card(number: bytes, key: bytes) -> bytes:
    # RC4 has biased key streams; old gift-card numbers were "encrypted" with it.
    return ARC4.new(key).encrypt(number)


def encrypt_export(data: bytes, key: bytes) -> bytes:
    # ECB keeps patterns of the plaintext visible and lets blocks be reordered.
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def webhook_signature(body: bytes) -> str:
    # MD5 (PyCrypto) as a "signature": collisions are cheap, and there is no key at all.
    return MD5.new(body).hexdigest()


def new_partner_keypair():
    # 1024-bit RSA can be factored with today's computing power.
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def legacy_signing_key():
    # Same mistake with PyCrypto: a 512-bit key.
    return RSA.generate(512)


def connect_payment_gateway(host: str, port: int = 443, version=ssl.PROTOCOL_TLSv1):
    # A broken protocol version as the default argument: every caller gets TLS 1.0.
    sock = socket.create_connection((host, port), timeout=10)
    return ssl.wrap_socket(sock, ssl_version=version)


def connect_legacy_pos(host: str):
    # SSLv3 (POODLE) for the old point-of-sale terminals.
    sock = socket.create_connection((host, 7000), timeout=10)
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)


def connect_warehouse(host: str):
    # ssl.wrap_socket without ssl_version: the protocol is whatever gets negotiated.
    sock = socket.create_connection((host, 8443), timeout=10)
    return ssl.wrap_socket(sock)


def partner_context() -> ssl.SSLContext:
    # "The partner's certificate expired": checks turned off instead of fixed.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def bank_context() -> ssl.SSLContext:
    # The unverified context checks neither the certificate nor the host name.
    return ssl._create_unverified_context()


def load_price_cache(path: str):
    # marshal is not meant for data from files others can write.
    with open(path, "rb") as fh:
        return marshal.loads(fh.read())
