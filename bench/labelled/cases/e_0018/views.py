import io

from django.db import connection
from django.http import JsonResponse
from django.urls import path


def order_detail(request):
    param = request.GET.get("order_id", "0")
    buf = io.StringIO()
    buf.write(param.strip())
    bar = buf.getvalue()
    buf.close()
    sql = "SELECT id, total FROM shop_order WHERE id = " + bar
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"id": row[0], "total": str(row[1])})


urlpatterns = [
    path("orders/detail/", order_detail),
]
