from ldap3 import ALL, SUBTREE, Server
from ldap3.utils.conv import escape_filter_chars

SERVER = Server("ldap.internal.example.org", use_ssl=True, get_info=ALL)
BASE_DN = "dc=internal,dc=example,dc=org"


def group_filter(group_name):
    return "(&(objectClass=groupOfNames)(cn=" + escape_filter_chars(group_name) + "))"


def find_group_members(conn, group_name):
    conn.search(
        search_base=BASE_DN,
        search_filter=group_filter(group_name),
        search_scope=SUBTREE,
        attributes=["member"],
    )
    members = []
    for entry in conn.entries:
        members.extend(entry.member.values)
    return members
