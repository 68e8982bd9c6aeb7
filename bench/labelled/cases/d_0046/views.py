from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render

from .forms import DirectoryLoginForm


def directory_login(request):
    form = DirectoryLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            return redirect("home")
        form.add_error(None, "Invalid credentials")
    return render(request, "accounts/directory_login.html", {"form": form})
