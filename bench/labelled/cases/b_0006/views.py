from django.http import HttpResponse
from django.views.decorators.http import require_GET


TEMPLATE = """
<html>
  <body>
    <h1>Articles</h1>
    <p>Showing page <strong>%d</strong> of the archive.</p>
    <a href="?page=%d">Next page</a>
  </body>
</html>
"""


@require_GET
def article_archive(request):
    raw_page = request.GET.get("page", "1")
    try:
        page = int(raw_page)
    except ValueError:
        page = 1
    html = TEMPLATE % (page, page + 1)
    return HttpResponse(html)
