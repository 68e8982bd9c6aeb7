import json
import logging

import requests

log = logging.getLogger(__name__)


class WebhookNotifier:
    def __init__(self, callback_url, secret=None):
        self.callback_url = callback_url
        self.secret = secret

    def build_payload(self, event, data):
        return {"event": event, "data": data, "signed": bool(self.secret)}

    def send(self, event, data):
        payload = self.build_payload(event, data)
        log.debug("delivering %s", event)
        response = requests.post(
            self.callback_url,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        return response.status_code
