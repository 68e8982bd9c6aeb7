from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .tasks import import_workflow


@permission_required("workflows.add_workflow")
@require_POST
def upload_workflow(request):
    upload = request.FILES.get("definition")
    if upload is None or upload.size > 256 * 1024:
        return JsonResponse({"error": "definition file missing or too large"}, status=400)
    document = upload.read().decode("utf-8", errors="replace")
    job = import_workflow.delay(document, request.user.pk)
    return JsonResponse({"job": job.id}, status=202)
