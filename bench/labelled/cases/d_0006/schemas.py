from decimal import Decimal
from typing import Dict

from pydantic import BaseModel, Field


class PricingRule(BaseModel):
    name: str = Field(..., max_length=80)
    expression: str = Field(..., max_length=500)


class QuoteRequest(BaseModel):
    rule: PricingRule
    variables: Dict[str, Decimal] = Field(default_factory=dict)


class QuoteResponse(BaseModel):
    rule: str
    total: str
