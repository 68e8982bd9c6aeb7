import subprocess

from django.http import JsonResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

LOG_DIR = "/var/log/app"


@require_GET
def grep_logs(request):
    pattern = request.GET.get("pattern")
    files = request.GET.getlist("file")
    if not pattern or not files:
        return HttpResponseBadRequest("pattern and file are required")

    parts = ["grep", "-n", "-i"]
    parts.append(pattern)
    for name in files:
        parts.append(f"{LOG_DIR}/{name}")

    cmd = " ".join(parts)
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
    lines = proc.stdout.splitlines()[:200]
    return JsonResponse({"matches": lines, "count": len(lines)})
