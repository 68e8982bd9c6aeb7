from django.http import HttpResponse
from django.views.decorators.http import require_GET


TEMPLATE = """
<html>
  <body>
    <h1>Order lookup</h1>
    <p>No order found with reference <strong>%s</strong>.</p>
    <a href="/orders/">Back</a>
  </body>
</html>
"""


@require_GET
def order_lookup(request):
    reference = request.GET.get("ref", "")
    html = TEMPLATE % reference
    return HttpResponse(html)
