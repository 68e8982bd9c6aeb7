from django.http import JsonResponse, HttpResponseNotAllowed

from .models import Product


def apply_rule(base_price, percent, flat):
    adjusted = eval(f"{base_price} * (100 + {percent}) / 100 + {flat}")
    return round(float(adjusted), 2)


def preview_price(request, product_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    product = Product.objects.get(pk=product_id)
    try:
        percent = int(request.POST.get("percent", "0"))
        flat = int(request.POST.get("flat", "0"))
    except ValueError:
        return JsonResponse({"error": "percent and flat must be integers"}, status=400)
    price = apply_rule(float(product.price), percent, flat)
    return JsonResponse({"product": product.pk, "price": price})
