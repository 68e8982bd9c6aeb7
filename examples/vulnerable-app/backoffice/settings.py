"""Django settings of the back office (deliberately insecure)."""
import os

SECRET_KEY = os.environ["BACKOFFICE_SECRET_KEY"]
DEBUG = os.environ.get("BACKOFFICE_DEBUG") == "1"
ALLOWED_HOSTS = ["backoffice.shop.example"]
ROOT_URLCONF = "backoffice.urls"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "backoffice",
]

# CsrfViewMiddleware was removed "because the stock-upload form kept failing": no view
# checks CSRF tokens any more, although staff sign in with session cookies.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "backoffice",
        "HOST": os.environ.get("BACKOFFICE_DB_HOST", "localhost"),
        "USER": "backoffice",
        "PASSWORD": os.environ.get("BACKOFFICE_DB_PASSWORD", ""),
    }
}

# Never set: SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SESSION_COOKIE_SECURE and
# CSRF_COOKIE_SECURE, so staff session cookies also travel over plain HTTP.
