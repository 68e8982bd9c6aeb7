import os

from django.conf import settings
from django.utils.text import get_valid_filename


def save_attachment(folder, upload):
    file_name = get_valid_filename(os.path.basename(upload.name)) or "upload.bin"
    directory = os.path.join(settings.MEDIA_ROOT, "attachments", folder)
    os.makedirs(directory, exist_ok=True)
    destination = os.path.join(directory, file_name)
    with open(destination, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return os.path.relpath(destination, settings.MEDIA_ROOT)
