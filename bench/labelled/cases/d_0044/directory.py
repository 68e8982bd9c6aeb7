from ldap3 import ALL, SUBTREE, Connection, Server
from ldap3.utils.dn import escape_rdn


class DirectoryService:
    attributes = ["cn", "mail", "title", "telephoneNumber"]

    def __init__(self, config):
        self.server = Server(config["LDAP_URL"], get_info=ALL, use_ssl=True)
        self.bind_dn = config["LDAP_BIND_DN"]
        self.bind_password = config["LDAP_BIND_PASSWORD"]
        self.base_dn = config["LDAP_PEOPLE_DN"]

    def find_people(self, fragment, limit=25):
        term = escape_rdn(fragment)
        search_filter = f"(&(objectClass=inetOrgPerson)(|(cn=*{term}*)(mail=*{term}*)))"
        with Connection(self.server, self.bind_dn, self.bind_password, auto_bind=True) as conn:
            conn.search(self.base_dn, search_filter, SUBTREE, attributes=self.attributes, size_limit=limit)
            return [entry.entry_attributes_as_dict for entry in conn.entries]
