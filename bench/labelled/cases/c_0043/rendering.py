from jinja2 import Environment, StrictUndefined

_env = Environment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_notification(template_text, **context):
    template = _env.from_string(template_text)
    return template.render(**context)


def render_subject(kind, order_id):
    return f"[Shop] {kind.title()} - order #{order_id}"
