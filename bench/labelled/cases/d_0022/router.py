from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from .deps import current_tenant, get_storage
from .storage import ExportStorage

router = APIRouter(prefix="/exports", tags=["exports"])


@router.get("/download")
def download_export(
    filename: str = Query(..., max_length=200),
    tenant: str = Depends(current_tenant),
    storage: ExportStorage = Depends(get_storage),
):
    try:
        handle = storage.open_export(tenant, filename)
    except ValueError:
        raise HTTPException(status_code=400, detail="invalid file name")
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="export not found")
    return StreamingResponse(handle, media_type="application/octet-stream")
