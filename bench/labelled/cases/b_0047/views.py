from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.views import View


class LogoutView(View):
    default_target = "/"

    def get_target(self, request):
        return request.GET.get("next", self.default_target)

    def get(self, request):
        logout(request)
        target = self.get_target(request)
        return HttpResponseRedirect(target)
