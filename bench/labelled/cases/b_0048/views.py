from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View


class LogoutView(View):
    default_target = "/"

    def get_target(self, request):
        candidate = request.GET.get("next", self.default_target)
        if url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return candidate
        return self.default_target

    def get(self, request):
        logout(request)
        target = self.get_target(request)
        return HttpResponseRedirect(target)
