"""Configuration, with the mistakes people make under deadline."""
import os

DEBUG = True
SECRET_KEY = "django-insecure-9f8a7s6d5f4g3h2j1k0l"
ALLOWED_HOSTS = ["*"]

DB_HOST = os.environ.get("DB_HOST", "localhost")
DB_USER = "shop"
DB_PASSWORD = "Sup3rS3cretPassw0rd"
API_TOKEN = "tok_4f9a8b7c6d5e4f3a2b1c"
GITHUB_TOKEN = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"

DATABASE_PATH = os.environ.get("SHOP_DB_PATH", "shop.db")
UPLOAD_DIR = "/tmp/shop-uploads"
BIND_ADDRESS = "0.0.0.0"
