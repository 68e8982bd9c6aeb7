import threading

from lxml import etree


class PermissionsFile:
    _lock = threading.Lock()

    def __init__(self, path):
        self.path = path
        self._tree = None

    @property
    def tree(self):
        with self._lock:
            if self._tree is None:
                self._tree = etree.parse(self.path, etree.XMLParser(resolve_entities=False, no_network=True))
            return self._tree

    def roles_for(self, username):
        return [str(role) for role in self.tree.xpath("/permissions/user[@name=$name]/role/text()", name=username)]
