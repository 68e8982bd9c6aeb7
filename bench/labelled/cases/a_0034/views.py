from django.db import connection
from django.http import JsonResponse, Http404


def article_detail(request, slug):
    lang = request.GET.get("lang", "en")
    with connection.cursor() as cursor:
        sql = "SELECT id, title, body FROM blog_article WHERE slug = %s AND lang = %s"
        cursor.execute(sql, [slug, lang])
        row = cursor.fetchone()
    if row is None:
        raise Http404("article not found")
    return JsonResponse({"id": row[0], "title": row[1], "body": row[2]})
