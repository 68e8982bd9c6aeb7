from django.urls import path
from django.views.decorators.cache import cache_page

from . import views

app_name = "blog"

urlpatterns = [
    path("articles/<str:slug>/", cache_page(60)(views.article_detail), name="article-detail"),
]
