from datetime import datetime, timezone

from fastapi import FastAPI
from pydantic import BaseModel

from rendering import render_notification, render_subject

app = FastAPI()


class NotificationPreview(BaseModel):
    kind: str
    template: str
    recipient: str
    order_id: int


@app.post("/notifications/preview")
def preview_notification(body: NotificationPreview):
    text = render_notification(
        body.template,
        recipient=body.recipient,
        order_id=body.order_id,
        sent_at=datetime.now(timezone.utc).isoformat(),
    )
    return {"subject": render_subject(body.kind, body.order_id), "body": text}
