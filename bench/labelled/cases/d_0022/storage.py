import os

EXPORT_ROOT = "/srv/app/exports"


class ExportStorage:
    def __init__(self, root=EXPORT_ROOT):
        self.root = root

    def open_export(self, tenant, filename):
        base = os.path.realpath(os.path.join(self.root, tenant))
        location = os.path.realpath(os.path.join(base, filename))
        if os.path.commonpath([base, location]) != base:
            raise ValueError("path escapes the export directory")
        return open(location, "rb")
