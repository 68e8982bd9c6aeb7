import os

ALLOWED_EXTENSIONS = {".mp4", ".mov", ".mkv", ".webm"}


def is_supported_media(path):
    _, ext = os.path.splitext(path)
    return ext.lower() in ALLOWED_EXTENSIONS and os.path.isfile(path)
