from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .models import PasswordResetRequest
from .utils import make_reset_code

RESET_TTL = timedelta(minutes=30)


class PasswordResetService:
    def __init__(self, base_url=None):
        self.base_url = base_url or settings.SITE_URL

    def start(self, email):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            return False
        code = make_reset_code()
        PasswordResetRequest.objects.create(user=user, code=code, expires_at=timezone.now() + RESET_TTL)
        link = self.base_url + reverse("accounts:reset-confirm", args=[code])
        send_mail(
            "Reset your password",
            f"Use the following link within 30 minutes: {link}",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        return True
