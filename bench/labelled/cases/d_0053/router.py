from typing import Dict, List

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from .footer import FooterRenderer

router = APIRouter(prefix="/invoices", tags=["invoices"])


class InvoiceLine(BaseModel):
    description: str
    amount: float


class InvoicePreview(BaseModel):
    number: str = Field(..., max_length=32)
    lines: List[InvoiceLine] = []
    company: Dict[str, str] = {}
    layout: str = Field("classic", max_length=20)
    footer: str = Field("Thank you for your business.", max_length=2000)


async def require_billing_admin() -> bool:
    return True


@router.post("/preview-footer", response_class=HTMLResponse)
async def preview_footer(body: InvoicePreview, _: bool = Depends(require_billing_admin)):
    renderer = FooterRenderer(body.layout, body.footer)
    return renderer.render(body.dict())
