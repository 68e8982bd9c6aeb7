from fastapi import Depends, HTTPException, Request
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase


def get_db(request: Request) -> AsyncIOMotorDatabase:
    client: AsyncIOMotorClient = request.app.state.mongo
    return client["logistics"]


async def current_account(request: Request) -> str:
    account_id = getattr(request.state, "account_id", None)
    if not account_id:
        raise HTTPException(status_code=401, detail="not authenticated")
    return account_id
