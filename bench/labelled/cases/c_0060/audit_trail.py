import json
import logging

audit_log = logging.getLogger("audit")


def record_event(actor, action, detail):
    audit_log.info("actor=%s action=%s detail=%s", actor, action, json.dumps(detail))


def record_denied(actor, action):
    audit_log.warning("actor=%s action=%s result=denied", actor, action)
