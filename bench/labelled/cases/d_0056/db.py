from fastapi import Request


class ApiKeyRepository:
    def __init__(self, pool):
        self.pool = pool

    async def insert(self, account_id, label, key_hash, created_at):
        async with self.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO api_keys (account_id, label, key_hash, created_at) VALUES ($1, $2, $3, $4)",
                account_id,
                label,
                key_hash,
                created_at,
            )


def get_repository(request: Request) -> ApiKeyRepository:
    return ApiKeyRepository(request.app.state.pool)
