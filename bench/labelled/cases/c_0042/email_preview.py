from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from jinja2 import Template

EMAIL_BODIES = {
    "welcome": "<p>Hi {{ first_name }}, welcome to {{ company }}!</p><p>{{ note }}</p>",
    "reminder": "<p>{{ first_name }}, you have items waiting.</p><p>{{ note }}</p>",
    "farewell": "<p>Sorry to see you go, {{ first_name }}.</p>",
}


@login_required
@require_POST
def preview_email(request):
    source = EMAIL_BODIES.get(request.POST.get("template", "welcome"))
    if source is None:
        return JsonResponse({"error": "unknown template"}, status=400)
    context = {
        "first_name": request.user.first_name,
        "company": settings.COMPANY_NAME,
        "note": request.POST.get("note", ""),
        "unsubscribe_url": request.build_absolute_uri(reverse("unsubscribe")),
    }
    html = Template(source, autoescape=True).render(**context)
    return JsonResponse({"html": html, "length": len(html)})
