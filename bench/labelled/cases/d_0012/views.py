from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .services import find_articles


@require_GET
def search(request):
    term = request.GET.get("q", "")
    if not term.strip():
        return JsonResponse({"results": []})
    rows = find_articles(term)
    results = [
        {"id": row[0], "title": row[1], "published": row[2].isoformat()}
        for row in rows
    ]
    return JsonResponse({"results": results})
