from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from jinja2 import Template


@login_required
@require_POST
def preview_email(request):
    body_template = request.POST.get("body", "")
    context = {
        "first_name": request.user.first_name,
        "company": settings.COMPANY_NAME,
        "unsubscribe_url": request.build_absolute_uri(reverse("unsubscribe")),
    }
    html = Template(body_template).render(**context)
    return JsonResponse({"html": html, "length": len(html)})
