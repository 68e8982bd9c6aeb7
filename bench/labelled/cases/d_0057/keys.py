import hashlib
import random


class ApiKeyFactory:
    prefix = "sk_live_"

    def __init__(self):
        self._rng = random.SystemRandom()

    def issue(self):
        secret = "%032x" % self._rng.getrandbits(128)
        plaintext = self.prefix + secret
        return plaintext, hashlib.sha256(plaintext.encode("ascii")).hexdigest()
