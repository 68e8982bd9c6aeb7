import csv

from django.http import HttpResponse

from .models import Transaction


def header_safe(value):
    return value.replace("\r", "").replace("\n", "").replace('"', "")


def export_transactions(request):
    label = header_safe(request.GET.get("label", "transactions"))
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{label}.csv"'
    writer = csv.writer(response)
    writer.writerow(["date", "amount", "description"])
    for tx in Transaction.objects.filter(owner=request.user).order_by("date"):
        writer.writerow([tx.date.isoformat(), tx.amount, tx.description])
    return response
