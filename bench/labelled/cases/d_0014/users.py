from flask import current_app
from pymongo import MongoClient
from werkzeug.security import generate_password_hash


def set_password(user_id, new_password):
    users = MongoClient(current_app.config["MONGO_URI"])["accounts"]["users"]
    users.update_one(
        {"_id": user_id},
        {"$set": {"password_hash": generate_password_hash(new_password)}},
    )
