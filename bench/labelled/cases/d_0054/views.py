from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .forms import ResetRequestForm
from .services import PasswordResetService


@require_http_methods(["GET", "POST"])
def request_reset(request):
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        PasswordResetService().start(form.cleaned_data["email"])
        return render(request, "accounts/reset_sent.html")
    return render(request, "accounts/reset_request.html", {"form": form})
