import mimetypes
import os

from django.conf import settings
from django.http import FileResponse, Http404


def media_attachment(request, folder, name):
    base = os.path.join(settings.MEDIA_ROOT, "attachments")
    location = os.path.join(base, folder, name)
    if not os.path.isfile(location):
        raise Http404
    content_type, _ = mimetypes.guess_type(location)
    handle = open(location, "rb")
    return FileResponse(handle, content_type=content_type or "application/octet-stream")
