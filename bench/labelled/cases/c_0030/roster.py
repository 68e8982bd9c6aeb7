from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from ldap3 import SUBTREE, Connection, Server

DEPARTMENTS = {
    "eng": "Engineering",
    "ops": "Operations",
    "fin": "Finance",
    "hr": "People",
}


@require_GET
def department_roster(request):
    code = request.GET.get("dept", "eng")
    ou = DEPARTMENTS.get(code)
    if ou is None:
        return JsonResponse({"error": "unknown department"}, status=404)
    query = "(&(objectClass=person)(ou=%s))" % ou
    server = Server(settings.LDAP_HOST, use_ssl=True)
    with Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True) as conn:
        conn.search(settings.LDAP_BASE_DN, query, SUBTREE, attributes=["cn", "title"])
        roster = [{"name": e.cn.value, "title": e.title.value} for e in conn.entries]
    return JsonResponse({"department": ou, "people": roster})
