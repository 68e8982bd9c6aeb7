import yaml
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def import_config(request):
    body = request.body.decode("utf-8")
    text = body.replace("\t", "  ")
    data = yaml.load(text, Loader=yaml.SafeLoader)
    if not isinstance(data, dict):
        return JsonResponse({"error": "expected a mapping"}, status=400)
    return JsonResponse({"keys": sorted(str(k) for k in data)})


urlpatterns = [
    path("config/import/", import_config),
]
