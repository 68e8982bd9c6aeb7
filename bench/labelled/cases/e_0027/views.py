from django.http import HttpResponse
from django.urls import path


def profile_banner(request):
    param = request.GET.get("motto", "")
    fields = {"keyA": "Welcome back", "keyB": param}
    bar = fields["keyA"]
    page = "<div class='banner'><h2>%s</h2></div>" % bar
    return HttpResponse(page)


urlpatterns = [
    path("profile/banner/", profile_banner),
]
