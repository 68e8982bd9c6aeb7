from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .tasks import reindex_documents


@staff_member_required
@require_POST
def trigger_reindex(request):
    query = request.POST.get("query", "")
    job = reindex_documents.delay(query, request.user.pk)
    return JsonResponse({"job": job.id}, status=202)
