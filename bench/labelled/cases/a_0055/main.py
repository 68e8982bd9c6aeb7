from typing import Any, Dict

from fastapi import Body, FastAPI
from motor.motor_asyncio import AsyncIOMotorClient

app = FastAPI()
client = AsyncIOMotorClient("mongodb://mongo:27017")
orders = client["sales"]["orders"]


def build_criteria(payload: Dict[str, Any]) -> Dict[str, Any]:
    criteria = {"archived": False}
    criteria.update(payload.get("criteria", {}))
    return criteria


@app.post("/orders/count")
async def count_orders(payload: Dict[str, Any] = Body(...)):
    criteria = build_criteria(payload)
    total = await orders.count_documents(criteria)
    return {"count": total}
