from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .forms import AttachmentForm
from .storage import save_attachment


@login_required
@require_POST
def upload_attachment(request):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    stored = save_attachment(form.cleaned_data["folder"], form.cleaned_data["document"])
    return JsonResponse({"path": stored}, status=201)
