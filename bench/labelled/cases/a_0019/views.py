from django.http import JsonResponse, HttpResponseNotAllowed

from .models import Product


def apply_rule(base_price, rule):
    adjusted = eval(f"{base_price} {rule}")
    return round(float(adjusted), 2)


def preview_price(request, product_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    product = Product.objects.get(pk=product_id)
    rule = request.POST.get("rule", "* 1")
    try:
        price = apply_rule(product.price, rule)
    except Exception:
        return JsonResponse({"error": "invalid rule"}, status=400)
    return JsonResponse({"product": product.pk, "price": price})
