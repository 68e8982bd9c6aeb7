import json

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from pymongo import MongoClient

events = MongoClient(settings.MONGO_URI)["telemetry"]["events"]


@require_POST
def search_events(request):
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "bad json"}, status=400)
    filters = payload.get("filter", {})
    filters["tenant"] = request.user.profile.tenant_id
    docs = events.find(filters, {"_id": 0}).sort("ts", -1).limit(200)
    return JsonResponse({"events": list(docs)})
