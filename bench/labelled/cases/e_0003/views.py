import os

from django.http import HttpResponse
from django.urls import path


def archive_view(request):
    param = request.GET.get("folder", "")
    options = {}
    options["keyA"] = "reports"
    options["keyB"] = param
    bar = options["keyB"]
    status = os.system("tar -czf /tmp/backup.tgz -C /srv/data " + bar)
    return HttpResponse("exit status %d" % status, content_type="text/plain")


urlpatterns = [
    path("archive/", archive_view),
]
