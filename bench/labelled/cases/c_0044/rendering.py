from jinja2 import Environment, StrictUndefined

_env = Environment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

NOTIFICATION_TEMPLATES = {
    "shipped": "Hi {{ recipient }}, order #{{ order_id }} shipped at {{ sent_at }}.\n{{ message }}",
    "delayed": "Hi {{ recipient }}, order #{{ order_id }} is delayed.\n{{ message }}",
}


def render_notification(kind, **context):
    template = _env.from_string(NOTIFICATION_TEMPLATES[kind])
    return template.render(**context)


def render_subject(kind, order_id):
    return f"[Shop] {kind.title()} - order #{order_id}"
