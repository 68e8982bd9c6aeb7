import random
import string

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

PASSWORD_POOL = string.ascii_letters + string.digits + "!@#$%&*"


def make_temporary_password(length=12):
    return "".join(random.sample(PASSWORD_POOL, length))


@staff_member_required
@require_POST
def reset_user_password(request, user_id):
    user = get_object_or_404(get_user_model(), pk=user_id)
    temporary = make_temporary_password()
    user.set_password(temporary)
    user.save(update_fields=["password"])
    send_mail(
        "Your password was reset",
        f"Your temporary password is {temporary}. You must change it at next login.",
        None,
        [user.email],
    )
    return JsonResponse({"reset": True, "user": user.pk})
