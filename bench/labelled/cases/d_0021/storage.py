import os

EXPORT_ROOT = "/srv/app/exports"


class ExportStorage:
    def __init__(self, root=EXPORT_ROOT):
        self.root = root

    def open_export(self, tenant, filename):
        if ".." in filename.replace("\\", "/").split("/"):
            raise ValueError("relative path segments are not allowed")
        location = os.path.join(self.root, tenant, filename)
        return open(location, "rb")
