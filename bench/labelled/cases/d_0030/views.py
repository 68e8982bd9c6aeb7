from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from .utils import next_is_allowed


@sensitive_post_parameters("password")
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        if not next_is_allowed(request, next_url):
            messages.warning(request, "The requested page could not be opened after sign-in.")
            next_url = settings.LOGIN_REDIRECT_URL
        return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})
