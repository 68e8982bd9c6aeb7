from markupsafe import escape


class ProfileCard:
    def __init__(self, display_name, bio, website):
        self.display_name = display_name
        self.bio = escape(bio)
        self.website = website

    def _link(self):
        if self.website.startswith(("http://", "https://")):
            return '<a rel="nofollow noopener" href="%s">website</a>' % escape(self.website)
        return ""

    def render(self):
        return '<div class="card"><h3>%s</h3><p>%s</p>%s</div>' % (
            self.display_name,
            self.bio,
            self._link(),
        )
