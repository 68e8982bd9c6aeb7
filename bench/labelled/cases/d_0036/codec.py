import base64
import hashlib
import hmac
import pickle


class CartCodec:
    def __init__(self, secret):
        self.secret = secret.encode() if isinstance(secret, str) else secret

    def _sign(self, blob):
        return hmac.new(self.secret, blob, hashlib.sha256).hexdigest()

    def dumps(self, cart):
        blob = base64.urlsafe_b64encode(pickle.dumps(cart))
        return blob.decode("ascii") + "." + self._sign(blob)

    def loads(self, token):
        encoded, _, signature = token.rpartition(".")
        blob = encoded.encode("ascii")
        hmac.compare_digest(signature, self._sign(blob))
        return pickle.loads(base64.urlsafe_b64decode(blob))
