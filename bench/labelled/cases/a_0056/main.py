from typing import Optional

from fastapi import FastAPI
from motor.motor_asyncio import AsyncIOMotorClient
from pydantic import BaseModel, Field

app = FastAPI()
client = AsyncIOMotorClient("mongodb://mongo:27017")
orders = client["sales"]["orders"]


class OrderFilter(BaseModel):
    status: str = Field(..., max_length=32)
    customer: Optional[str] = None
    min_total: float = 0.0


@app.post("/orders/count")
async def count_orders(flt: OrderFilter):
    criteria = {"archived": False, "status": flt.status, "total": {"$gte": flt.min_total}}
    if flt.customer is not None:
        criteria["customer"] = flt.customer
    total = await orders.count_documents(criteria)
    return {"count": total}
