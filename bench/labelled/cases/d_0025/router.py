import uuid

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from .tasks import fetch_link_preview

router = APIRouter(prefix="/messages", tags=["messages"])


class MessageIn(BaseModel):
    channel: str = Field(..., max_length=64)
    text: str = Field(..., max_length=4000)
    link: str = Field(None, max_length=2048)


async def current_user_id() -> str:
    return "user-from-session"


@router.post("", status_code=202)
async def post_message(body: MessageIn, user_id: str = Depends(current_user_id)):
    message_id = str(uuid.uuid4())
    if body.link:
        fetch_link_preview.delay(message_id, body.link)
    return {"id": message_id, "channel": body.channel, "author": user_id}
