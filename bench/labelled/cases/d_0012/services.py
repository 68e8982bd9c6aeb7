from django.db import connection

from .utils import normalize_pattern


def find_articles(term, limit=20):
    pattern = normalize_pattern(term)
    query = (
        "SELECT id, title, published_at FROM blog_article "
        "WHERE title REGEXP %s AND is_published = 1 "
        "ORDER BY published_at DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [pattern, int(limit)])
        return cursor.fetchall()
