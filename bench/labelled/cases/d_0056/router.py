from datetime import datetime, timezone

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from .db import ApiKeyRepository, get_repository
from .keys import ApiKeyFactory

router = APIRouter(prefix="/api-keys", tags=["api-keys"])
factory = ApiKeyFactory()


class KeyRequest(BaseModel):
    label: str = Field(..., max_length=64)


class KeyCreated(BaseModel):
    label: str
    key: str
    created_at: datetime


async def current_account_id() -> int:
    return 1


@router.post("", response_model=KeyCreated, status_code=201)
async def create_key(
    body: KeyRequest,
    account_id: int = Depends(current_account_id),
    repo: ApiKeyRepository = Depends(get_repository),
):
    plaintext, digest = factory.issue()
    created = datetime.now(timezone.utc)
    await repo.insert(account_id=account_id, label=body.label, key_hash=digest, created_at=created)
    return KeyCreated(label=body.label, key=plaintext, created_at=created)
