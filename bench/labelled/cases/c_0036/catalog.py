from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


class Catalog:
    _by_author = etree.XPath("/catalog/book[author=$author]/title/text()")

    def __init__(self, path):
        self.root = etree.parse(path).getroot()

    def books_by_author(self, author):
        titles = self._by_author(self.root, author=author)
        return [str(title) for title in titles]

    def count(self):
        return int(self.root.xpath("count(/catalog/book)"))


CATALOG = Catalog(settings.CATALOG_XML)


@require_GET
def author_books(request):
    author = request.GET.get("author", "").strip()
    titles = CATALOG.books_by_author(author)
    return JsonResponse({"author": author, "titles": titles, "total": CATALOG.count()})
