import logging

log = logging.getLogger("plugins")


def _prepare(name, source):
    header = f"# hook: {name}\n"
    return compile(header + source, f"<hook {name}>", "exec")


def run_hook(name, source, state):
    namespace = {"state": dict(state), "result": None}
    code = _prepare(name, source)
    try:
        exec(code, namespace)
    except Exception:
        log.exception("hook %s failed", name)
        return None
    return namespace.get("result")
