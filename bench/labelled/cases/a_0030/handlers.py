import base64
import json

import tornado.web


class PreferencesMixin:
    def load_preferences(self):
        raw = self.get_cookie("prefs")
        if not raw:
            return {"theme": "light", "page_size": 20}
        decoded = base64.b64decode(raw).decode("utf-8")
        return json.loads(decoded)


class DashboardHandler(PreferencesMixin, tornado.web.RequestHandler):
    def get(self):
        prefs = self.load_preferences()
        self.render("dashboard.html", theme=prefs.get("theme"), size=prefs.get("page_size"))

    def post(self):
        theme = self.get_argument("theme", "light")
        value = base64.b64encode(json.dumps({"theme": theme, "page_size": 20}).encode()).decode()
        self.set_cookie("prefs", value)
        self.redirect("/dashboard")
