from fastapi import APIRouter, Depends

from .deps import get_tenant_id
from .engine import RuleEngine
from .schemas import QuoteRequest, QuoteResponse

router = APIRouter(prefix="/pricing", tags=["pricing"])


@router.post("/quote", response_model=QuoteResponse)
async def preview_quote(body: QuoteRequest, tenant_id: str = Depends(get_tenant_id)):
    engine = RuleEngine(tenant_id)
    total = engine.evaluate(body.rule.expression, body.variables)
    return QuoteResponse(rule=body.rule.name, total=str(total))
