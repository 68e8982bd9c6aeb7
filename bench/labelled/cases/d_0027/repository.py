import hashlib
import os


class AvatarRepository:
    def __init__(self, root="/var/lib/app/avatars"):
        self.root = root

    def save(self, user_id, image_bytes):
        digest = hashlib.sha256(image_bytes).hexdigest()
        path = os.path.join(self.root, f"{int(user_id)}-{digest[:16]}.img")
        with open(path, "wb") as fh:
            fh.write(image_bytes)
        return path
