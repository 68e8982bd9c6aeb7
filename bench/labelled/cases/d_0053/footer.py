from jinja2 import Environment, FileSystemLoader, select_autoescape

_env = Environment(
    loader=FileSystemLoader("templates/invoice_footers"),
    autoescape=select_autoescape(["html"]),
)

FOOTER_LAYOUTS = {
    "classic": "classic.html",
    "compact": "compact.html",
    "legal": "legal.html",
}


class FooterRenderer:
    def __init__(self, layout, footer_text):
        self.template_name = FOOTER_LAYOUTS.get(layout, FOOTER_LAYOUTS["classic"])
        self.footer_text = footer_text

    def render(self, invoice):
        template = _env.get_template(self.template_name)
        return template.render(invoice=invoice, footer_text=self.footer_text, company=invoice.get("company", {}))
