from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

INVOICES = {1001: 250.0, 1002: 99.5, 1003: 12.0}


@app.get("/invoices/{invoice_id}", response_class=HTMLResponse)
async def show_invoice(invoice_id: int, copies: int = 1):
    amount = INVOICES.get(invoice_id)
    parts = ["<html><body>", f"<h1>Invoice #{invoice_id}</h1>"]
    if amount is None:
        parts.append(f"<p>Invoice {invoice_id} was not found.</p>")
    else:
        parts.append(f"<p>Total: {amount:.2f} EUR</p>")
    parts.append(f"<p>Printing {copies} copies</p>")
    parts.append("</body></html>")
    return HTMLResponse(content="".join(parts))
