import requests
from django.conf import settings
from django.http import JsonResponse

ALLOW_CUSTOM_SOURCES = False
DEFAULT_RATES_URL = "https://api.exchangerate.example/latest"


def exchange_rates(request):
    base = request.GET.get("base", "EUR")
    if ALLOW_CUSTOM_SOURCES:
        source = request.GET.get("source", DEFAULT_RATES_URL)
    else:
        source = DEFAULT_RATES_URL
    resp = requests.get(source, params={"base": base}, timeout=getattr(settings, "HTTP_TIMEOUT", 5))
    return JsonResponse(resp.json())
