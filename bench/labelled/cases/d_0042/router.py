from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from .feeds import parse_feed

router = APIRouter(prefix="/feeds", tags=["feeds"])

MAX_FEED_BYTES = 1_000_000


async def require_editor() -> str:
    return "editor"


@router.post("/import")
async def import_feed(feed: UploadFile = File(...), role: str = Depends(require_editor)):
    data = await feed.read()
    if len(data) > MAX_FEED_BYTES:
        raise HTTPException(status_code=413, detail="feed too large")
    try:
        items = parse_feed(data)
    except Exception as exc:
        raise HTTPException(status_code=422, detail=f"could not parse feed: {exc}")
    return {"count": len(items), "items": items[:50]}
