class MemberRepository:
    def __init__(self, db):
        self.collection = db["members"]

    def _where(self, team, name):
        expr = f"this.team == '{team}'"
        if name:
            expr += f" && this.name.indexOf('{name}') >= 0"
        return expr

    async def search(self, team, name):
        query = {"active": True, "$where": self._where(team, name)}
        cursor = self.collection.find(query, {"_id": 0, "name": 1, "role": 1})
        return await cursor.to_list(length=100)
