from typing import List, Optional

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from .deps import current_account, get_db
from .repository import ShipmentRepository

router = APIRouter(prefix="/shipments", tags=["shipments"])


class ShipmentOut(BaseModel):
    reference: str
    status: str
    carrier: Optional[str] = None


def get_repository(db=Depends(get_db)) -> ShipmentRepository:
    return ShipmentRepository(db)


@router.get("/lookup", response_model=List[ShipmentOut])
async def lookup(
    ref: str = Query(..., min_length=3, max_length=40),
    account_id: str = Depends(current_account),
    repo: ShipmentRepository = Depends(get_repository),
):
    return await repo.by_reference(account_id, ref)
