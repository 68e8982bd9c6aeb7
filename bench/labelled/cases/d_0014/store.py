from datetime import datetime, timezone

from pymongo import MongoClient


class ResetTokenStore:
    def __init__(self, uri, db_name="accounts"):
        self.collection = MongoClient(uri)[db_name]["password_resets"]

    def consume(self, email, token):
        now = datetime.now(timezone.utc)
        criteria = {"email": email, "token": token, "expires_at": {"$gt": now}}
        return self.collection.find_one_and_delete(criteria)
