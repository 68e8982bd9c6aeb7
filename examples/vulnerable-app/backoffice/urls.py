"""URLs of the back office."""
from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.order_search),
    path("revenue/", views.revenue),
    path("products/<int:pk>/note/", views.update_note),
]
