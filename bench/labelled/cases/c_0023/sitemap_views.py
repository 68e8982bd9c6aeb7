from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View
from lxml import etree

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapImporter:
    def __init__(self):
        self.parser = etree.XMLParser(load_dtd=True, resolve_entities=True, huge_tree=True)

    def parse(self, fileobj):
        tree = etree.parse(fileobj, self.parser)
        return [loc.text for loc in tree.getroot().iterfind("sm:url/sm:loc", SITEMAP_NS)]


class SitemapUploadView(View):
    importer = SitemapImporter()

    def post(self, request):
        upload = request.FILES.get("sitemap")
        if upload is None:
            return HttpResponseBadRequest("sitemap file required")
        try:
            urls = self.importer.parse(upload)
        except etree.XMLSyntaxError:
            return HttpResponseBadRequest("malformed sitemap")
        return JsonResponse({"count": len(urls), "urls": urls[:50]})
