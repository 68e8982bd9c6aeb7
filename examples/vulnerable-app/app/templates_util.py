"""Rendering of e-mails, product badges and shop-owner snippets (deliberately XSS-prone)."""
import jinja2
from mako.template import Template as MakoTemplate
from markupsafe import Markup

# No autoescape: every value rendered into the e-mail HTML keeps its markup and scripts.
EMAIL_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader("templates/email"))

# Mako does not escape ${...} without a default filter.
RECEIPT = MakoTemplate("<h1>Thank you, ${customer}!</h1><p>Order ${order_id}</p>")


def order_confirmation(order: dict) -> str:
    return EMAIL_ENV.get_template("confirmation.html").render(order=order)


def receipt(customer: str, order_id: int) -> str:
    return RECEIPT.render(customer=customer, order_id=order_id)


def product_badge(label: str, colour: str) -> Markup:
    # Markup() marks the formatted string as safe: a label with <script> runs in the page.
    return Markup(f'<span class="badge" style="background:{colour}">{label}</span>')


def shop_owner_snippet(html: str) -> Markup:
    return Markup(html)
