from django.http import HttpResponse
from django.utils.html import format_html
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from .services import team_member_count


@require_GET
@cache_page(60)
def team_badge(request):
    team_name = request.GET.get("team", "").strip()
    count = team_member_count(team_name)
    return HttpResponse(format_html('<span class="badge">{}</span> <small>{} members</small>', team_name, count))
