from motor.motor_asyncio import AsyncIOMotorDatabase


class ShipmentRepository:
    def __init__(self, db: AsyncIOMotorDatabase):
        self.collection = db["shipments"]

    async def by_reference(self, account_id: str, reference: str, limit: int = 25):
        predicate = (
            f"this.account_id == '{account_id}' && "
            f"this.reference.indexOf('{reference}') === 0"
        )
        cursor = self.collection.find({"$where": predicate}, {"_id": 0}).limit(limit)
        return [doc async for doc in cursor]
