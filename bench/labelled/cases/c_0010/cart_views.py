import base64
import binascii
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Cart


@csrf_exempt
@require_POST
def restore_cart(request):
    encoded = request.body.strip()
    try:
        decoded = base64.b64decode(encoded).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return JsonResponse({"error": "invalid encoding"}, status=400)
    cart_state = json.loads(decoded)
    if not isinstance(cart_state, dict):
        return JsonResponse({"error": "expected object"}, status=400)
    cart, _ = Cart.objects.get_or_create(session_key=request.session.session_key)
    cart.items = cart_state.get("items", [])
    cart.coupon = cart_state.get("coupon")
    cart.save()
    return JsonResponse({"items": len(cart.items)})
