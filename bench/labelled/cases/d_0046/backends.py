import ldap
from django.conf import settings
from django.contrib.auth import get_user_model
from ldap.filter import filter_format


class CorporateDirectoryBackend:
    user_filter = "(&(objectClass=person)(sAMAccountName=%s))"

    def _connect(self):
        conn = ldap.initialize(settings.LDAP_URI)
        conn.set_option(ldap.OPT_REFERRALS, 0)
        conn.simple_bind_s(settings.LDAP_SERVICE_DN, settings.LDAP_SERVICE_PASSWORD)
        return conn

    def authenticate(self, request, username=None, password=None):
        if not username or not password:
            return None
        conn = self._connect()
        try:
            query = filter_format(self.user_filter, [username])
            results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ["mail", "displayName"])
            results = [r for r in results if r[0]]
            if len(results) != 1:
                return None
            user_dn, attrs = results[0]
            try:
                conn.simple_bind_s(user_dn, password)
            except ldap.INVALID_CREDENTIALS:
                return None
        finally:
            conn.unbind_s()
        return self._sync_user(username, attrs)

    def _sync_user(self, username, attrs):
        mail = (attrs.get("mail") or [b""])[0].decode("utf-8")
        user, _ = get_user_model().objects.get_or_create(username=username.lower(), defaults={"email": mail})
        return user

    def get_user(self, user_id):
        try:
            return get_user_model().objects.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
