import os
import uuid

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseBadRequest


def receipt_pdf(request, token):
    try:
        receipt_id = uuid.UUID(token)
    except ValueError:
        return HttpResponseBadRequest("invalid receipt token")
    filename = f"{receipt_id}.pdf"
    path = os.path.join(settings.RECEIPTS_ROOT, filename)
    if not os.path.exists(path):
        raise Http404("receipt not found")
    return FileResponse(open(path, "rb"), content_type="application/pdf")
