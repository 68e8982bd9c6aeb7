import re


class MemberRepository:
    def __init__(self, db):
        self.collection = db["members"]

    def _query(self, team, name):
        query = {"active": True, "team": str(team)}
        if name:
            query["name"] = {"$regex": re.escape(str(name)), "$options": "i"}
        return query

    async def search(self, team, name):
        query = self._query(team, name)
        cursor = self.collection.find(query, {"_id": 0, "name": 1, "role": 1})
        return await cursor.to_list(length=100)
