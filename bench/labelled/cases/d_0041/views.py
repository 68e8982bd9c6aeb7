from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

from .parsing import InvoiceDocument


@login_required
@require_POST
def preview_invoice(request):
    upload = request.FILES.get("invoice")
    if upload is None:
        return JsonResponse({"error": "no file"}, status=400)
    try:
        document = InvoiceDocument(upload.read())
    except etree.XMLSyntaxError as exc:
        return JsonResponse({"error": "malformed XML", "detail": str(exc)}, status=422)
    return JsonResponse(document.summary())
