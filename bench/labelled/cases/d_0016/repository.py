import re

from motor.motor_asyncio import AsyncIOMotorDatabase


class ShipmentRepository:
    def __init__(self, db: AsyncIOMotorDatabase):
        self.collection = db["shipments"]

    async def by_reference(self, account_id: str, reference: str, limit: int = 25):
        criteria = {
            "account_id": account_id,
            "reference": {"$regex": "^" + re.escape(reference)},
        }
        cursor = self.collection.find(criteria, {"_id": 0}).limit(limit)
        return [doc async for doc in cursor]
