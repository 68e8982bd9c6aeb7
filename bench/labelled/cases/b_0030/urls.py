from django.urls import path

from . import views

urlpatterns = [
    path("receipts/<str:token>/", views.receipt_pdf, name="receipt-pdf"),
]
