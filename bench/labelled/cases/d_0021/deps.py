import re

from fastapi import Header, HTTPException

from .storage import ExportStorage

_TENANT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,30}$")


async def current_tenant(x_tenant: str = Header(...)) -> str:
    if not _TENANT_RE.fullmatch(x_tenant):
        raise HTTPException(status_code=400, detail="invalid tenant")
    return x_tenant


def get_storage() -> ExportStorage:
    return ExportStorage()
