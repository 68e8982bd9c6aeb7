import os
import subprocess
from datetime import datetime

from django.conf import settings


class SnapshotService:
    def __init__(self, label, include_media=False):
        self.label = label
        self.include_media = include_media

    def _sources(self):
        paths = [str(settings.BASE_DIR / "var" / "db")]
        if self.include_media:
            paths.append(str(settings.MEDIA_ROOT))
        return paths

    def run(self):
        stamp = datetime.utcnow().strftime("%Y%m%d%H%M%S")
        archive = os.path.join(settings.SNAPSHOT_DIR, f"{stamp}-{self.label}.tar.gz")
        command = ["tar", "-czf", archive, *self._sources()]
        subprocess.run(command, check=True)
        return archive
