from django.urls import path

from . import views

urlpatterns = [
    path("attachments/<str:folder>/<path:name>", views.media_attachment),
]
