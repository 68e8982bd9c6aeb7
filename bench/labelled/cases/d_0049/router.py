from typing import Optional

from fastapi import APIRouter, Query

from .catalog import load_catalog, to_dict
from .query import CatalogQuery

router = APIRouter(prefix="/catalog", tags=["catalog"])


@router.get("/products")
def list_products(
    category: str = Query(..., max_length=60),
    max_price: Optional[int] = Query(None, ge=0),
):
    query = CatalogQuery(category, max_price)
    nodes = query.run(load_catalog())
    return {"items": [to_dict(node) for node in nodes]}
