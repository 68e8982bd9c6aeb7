from markupsafe import escape


class Comment:
    def __init__(self, author, text):
        self.author = author
        self.text = text

    def render(self):
        return "<li><b>%s</b>: %s</li>" % (escape(self.author), escape(self.text))
