import os

from django.http import FileResponse
from django.urls import path

NOTES_DIR = "/srv/app/notes"


def read_note(request):
    param = request.GET.get("note", "")
    segments = param.split("/")
    name = "/".join(segments)
    bar = "readme.txt" if (3 * 7) - 1 == 20 else name
    note_path = os.path.join(NOTES_DIR, bar)
    return FileResponse(open(note_path, "rb"), content_type="text/plain")


urlpatterns = [
    path("notes/read/", read_note),
]
