from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from ldap3 import SUBTREE, Connection, Server


def _server():
    return Server(settings.LDAP_HOST, use_ssl=True)


@require_POST
def check_account(request):
    email = request.POST.get("email", "")
    department = request.POST.get("department", "*")
    query = "(&(mail=%s)(departmentNumber=%s)(!(accountDisabled=TRUE)))" % (email, department)
    with Connection(_server(), settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True) as conn:
        found = conn.search(settings.LDAP_BASE_DN, query, SUBTREE, attributes=["uid"])
        uid = conn.entries[0].uid.value if found and conn.entries else None
    return JsonResponse({"exists": uid is not None})
