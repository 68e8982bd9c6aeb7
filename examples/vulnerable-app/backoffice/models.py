"""Back-office models (mirrors of the shop's tables)."""
from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    note = models.TextField(blank=True)


class Order(models.Model):
    status = models.CharField(max_length=16)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created = models.DateTimeField(auto_now_add=True)
