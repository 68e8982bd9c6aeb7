from jinja2 import Environment, StrictUndefined, select_autoescape

_env = Environment(autoescape=select_autoescape(["html"]), undefined=StrictUndefined)


class NotificationRenderer:
    subject_template = "[{{ workspace }}] {{ event }}"

    def __init__(self, body_template):
        self.body_template = body_template

    def render_subject(self, context):
        return _env.from_string(self.subject_template).render(**context)

    def render_body(self, context):
        return _env.from_string(self.body_template).render(**context)
