from mako.template import Template


class FooterRenderer:
    def __init__(self, footer_source):
        self.template = Template(footer_source, strict_undefined=True)

    def render(self, invoice):
        return self.template.render(invoice=invoice, company=invoice.get("company", {}))
