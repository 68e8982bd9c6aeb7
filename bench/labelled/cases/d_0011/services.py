from django.db import connection

from .utils import normalize_pattern


def find_articles(term, limit=20):
    pattern = normalize_pattern(term)
    query = (
        "SELECT id, title, published_at FROM blog_article "
        f"WHERE title REGEXP '{pattern}' AND is_published = 1 "
        f"ORDER BY published_at DESC LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()
