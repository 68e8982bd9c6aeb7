from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import Article
from audit_trail import record_event


@login_required
@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    record_event(request.user.pk, "search", query)
    results = Article.objects.filter(title__icontains=query).order_by("-published")[:20]
    return render(request, "articles/search.html", {"q": query, "results": results})
