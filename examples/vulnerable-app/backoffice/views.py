"""Back-office views: order search, revenue report, product notes (deliberately vulnerable)."""
from django.contrib.auth.decorators import login_required
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt

from .models import Order, Product


@login_required
def order_search(request):
    status = request.GET.get("status", "open")
    # extra() pastes the fragment into the SQL unescaped.
    orders = Order.objects.extra(where=[f"status = '{status}'"])
    return JsonResponse({"orders": list(orders.values("id", "total"))})


@login_required
def revenue(request):
    days = request.GET.get("days", "30")
    # RawSQL built with an f-string: SQL injection through ?days=
    qs = Order.objects.annotate(recent=RawSQL(f"created > now() - interval '{days} days'", []))
    return JsonResponse({"revenue": sum(o.total for o in qs if o.recent)})


@csrf_exempt
@login_required
def update_note(request, pk):
    # Exempt from CSRF: any site a logged-in staff member visits can post here.
    product = Product.objects.get(pk=pk)
    product.note = request.POST["note"]
    product.save()
    # mark_safe() on the stored note: a note with <script> runs for every staff member.
    return HttpResponse(mark_safe("<p>Saved: " + product.note + "</p>"))
