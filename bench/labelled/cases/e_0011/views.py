from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


@require_POST
def widget_name(request):
    param = request.POST.get("handler", "")
    guess = "ABC"
    switch_target = guess[2]
    if switch_target == "A":
        bar = param
    elif switch_target == "B":
        bar = "'bob'"
    elif switch_target in ("C", "D"):
        bar = param
    else:
        bar = "'bobs your uncle'"
    scope = {}
    exec("widget = " + bar, {}, scope)
    return JsonResponse({"widget": str(scope.get("widget"))})


urlpatterns = [
    path("widgets/name/", widget_name),
]
