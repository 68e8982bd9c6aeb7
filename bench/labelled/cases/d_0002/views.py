from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .forms import SnapshotForm
from .services import SnapshotService


@staff_member_required
@require_POST
def create_snapshot(request):
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)

    service = SnapshotService(
        label=form.cleaned_data["label"],
        include_media=form.cleaned_data["include_media"],
    )
    archive = service.run()
    return JsonResponse({"archive": archive}, status=201)
