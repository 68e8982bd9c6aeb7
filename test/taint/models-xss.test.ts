/**
 * Reflected XSS (KR108) beyond the response constructors: Django responses written to as
 * files, bodies built in a variable, constant templates that print a variable raw
 * (`|safe`, autoescape off, a Jinja2 environment without autoescape) against the ones that
 * escape it, and the URL parameters of Django function views as sources.
 */
import { describe } from 'vitest';
import { py, runPairs, type Pair } from './models-helpers.js';

const F = 'from flask import Flask, request\napp = Flask(__name__)\n';
const view = (imports: string, body: string): string => `${imports}\n${F}@app.route("/x")\ndef x():\n${body.replace(/^/gm, '    ')}\n`;
const dj = (imports: string, body: string, params = ''): string => `${imports}\ndef view(request${params}):\n${body.replace(/^/gm, '    ')}\n`;
const u = 'request.args["u"]';
const g = 'request.GET["u"]';

const pairs: Pair[] = [
  // ---- A response made first, its body or content type set afterwards
  {
    name: 'flask make_response: a content type set afterwards to text/plain is not HTML',
    rule: 'KR108',
    vuln: view('from flask import make_response', `resp = make_response("Hello " + ${u})\nresp.headers["X-Frame-Options"] = "DENY"\nreturn resp`),
    safe: view('from flask import make_response', `resp = make_response("Hello " + ${u})\nresp.headers["Content-Type"] = "text/plain; charset=utf-8"\nreturn resp`),
    source: 'request.args',
  },
  {
    name: 'flask make_response: mimetype set afterwards (json is not HTML; html stays HTML)',
    rule: 'KR108',
    vuln: view('from flask import make_response', `resp = make_response("Hello " + ${u})\nresp.mimetype = "text/html"\nreturn resp`),
    safe: view('from flask import make_response', `resp = make_response('{"n": "%s"}' % ${u})\nresp.mimetype = "application/json"\nreturn resp`),
    source: 'request.args',
  },
  {
    name: 'flask make_response: a content type set in a branch does not hold on every path',
    rule: 'KR108',
    vuln: view('from flask import make_response', `resp = make_response("Hello " + ${u})\nif request.args.get("plain"):\n    resp.headers["Content-Type"] = "text/plain"\nreturn resp`),
    safe: view('from flask import make_response', `resp = make_response("Hello " + ${u})\nresp.headers.set("Content-Type", "text/plain")\nreturn resp`),
    source: 'request.args',
  },
  {
    name: 'flask Response.data = body',
    rule: 'KR108',
    vuln: view('from flask import make_response', `resp = make_response("")\nresp.data = "<p>Hello " + ${u} + "</p>"\nreturn resp`),
    safe: view('from flask import make_response', `resp = make_response("")\nresp.data = "<p>Hello " + ${u} + "</p>"\nresp.mimetype = "text/plain"\nreturn resp`),
    source: 'request.args',
  },
  {
    name: 'flask Response.set_data(body)',
    rule: 'KR108',
    vuln: view('from flask import Response', `resp = Response()\nresp.set_data("<p>Hello " + ${u} + "</p>")\nreturn resp`),
    safe: view('from flask import Response\nimport html', `resp = Response()\nresp.set_data("<p>Hello " + html.escape(${u}) + "</p>")\nreturn resp`),
    source: 'request.args',
  },
  {
    name: 'django HttpResponse.content = body; resp["Content-Type"] set afterwards',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', `response = HttpResponse()\nresponse.content = "<p>" + ${g} + "</p>"\nreturn response`),
    safe: dj('from django.http import HttpResponse', `response = HttpResponse("<p>" + ${g} + "</p>")\nresponse["Content-Type"] = "text/plain"\nreturn response`),
    source: 'request.GET',
  },
  // ---- FastAPI: a route declared to answer HTML returns HTML
  {
    name: 'fastapi route with response_class=HTMLResponse returning a request value (a JSON route is not HTML)',
    rule: 'KR108',
    vuln: 'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\napp = FastAPI()\n@app.get("/h", response_class=HTMLResponse)\ndef h(name: str = ""):\n    return f"<h1>Hello {name}</h1>"\n',
    safe: 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/h")\ndef h(name: str = ""):\n    return f"<h1>Hello {name}</h1>"\n',
    source: "parameter 'name'",
  },
  {
    name: 'fastapi HTMLResponse route: html.escape clears it',
    rule: 'KR108',
    vuln: 'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\napp = FastAPI()\n@app.get("/h", response_class=HTMLResponse)\nasync def h(name: str = ""):\n    page = "<h1>Hello " + name + "</h1>"\n    return page\n',
    safe: 'import html\nfrom fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\napp = FastAPI()\n@app.get("/h", response_class=HTMLResponse)\nasync def h(name: str = ""):\n    page = "<h1>Hello " + html.escape(name) + "</h1>"\n    return page\n',
    source: "parameter 'name'",
  },
  // ---- Django responses
  {
    name: 'django HttpResponse().write(tainted)',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', `response = HttpResponse()\nresponse.write("<p>" + ${g} + "</p>")\nreturn response`),
    safe: dj('from django.http import HttpResponse\nfrom django.utils.html import escape', `response = HttpResponse()\nresponse.write("<p>" + escape(${g}) + "</p>")\nreturn response`),
    source: 'request.GET',
  },
  {
    name: 'django HttpResponse.write: a plain-text response is not HTML',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', `response = HttpResponse(content_type="text/html; charset=utf-8")\nresponse.writelines(["<p>", ${g}])\nreturn response`),
    safe: dj('from django.http import HttpResponse', `response = HttpResponse(content_type="text/plain")\nresponse.write(${g})\nreturn response`),
    source: 'request.GET',
  },
  {
    name: 'django StreamingHttpResponse(content)',
    rule: 'KR108',
    vuln: dj('from django.http import StreamingHttpResponse', `return StreamingHttpResponse(["<p>", ${g}])`),
    safe: dj('from django.http import StreamingHttpResponse', `return StreamingHttpResponse(["<p>", ${g}], content_type="text/csv")`),
    source: 'request.GET',
  },
  {
    name: 'django HttpResponse(content) with the body built in a variable',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', `content = "<ul>"\nfor item in ${g}.split(","):\n    content += "<li>" + item + "</li>"\ncontent = content + "</ul>"\nreturn HttpResponse(content)`),
    safe: dj('from django.http import HttpResponse\nimport html', `content = "<ul>"\nfor item in ${g}.split(","):\n    content += "<li>" + html.escape(item) + "</li>"\ncontent = content + "</ul>"\nreturn HttpResponse(content)`),
    source: 'request.GET',
  },
  {
    name: 'str.replace("<script>", "") is not an XSS sanitiser',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', `return HttpResponse("<p>" + ${g}.replace("<script>", "") + "</p>")`),
    safe: dj('from django.http import HttpResponse\nimport html', `return HttpResponse("<p>" + html.escape(${g}.replace("<script>", "")) + "</p>")`),
    source: 'request.GET',
  },
  // ---- Django function views: URL parameters after the request
  {
    name: 'django view URL parameter is a request source',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', 'return HttpResponse("<p>" + comment + "</p>")', ', comment'),
    safe: dj('from django.http import HttpResponse', 'return HttpResponse("<p>" + str(comment_id) + "</p>")', ', comment_id: int'),
    source: "parameter 'comment'",
  },
  {
    name: 'django view URL parameter: typed converters in the module\'s urlpatterns are safe',
    rule: 'KR108',
    vuln: py(`
from django.http import HttpResponse
from django.urls import path
def detail(request, name):
    return HttpResponse("<h1>" + name + "</h1>")
urlpatterns = [path("u/<str:name>/", detail)]
`),
    safe: py(`
from django.http import HttpResponse
from django.urls import path
def detail(request, pk, slug):
    return HttpResponse("<h1>" + str(pk) + slug + "</h1>")
urlpatterns = [path("u/<int:pk>/<slug:slug>/", detail)]
`),
    source: "parameter 'name'",
  },
  {
    name: 'django view URL parameter: a helper called in the module, a test, and a module without Django views are not views',
    rule: 'KR108',
    vuln: dj('from django.http import HttpResponse', 'return HttpResponse(name)', ', name'),
    safe: py(`
from django.http import HttpResponse
def render_row(request, row):
    return HttpResponse(row)
def view(request):
    return render_row(request, "<tr></tr>")
def test_view(request, client):
    return HttpResponse(client)
`),
    source: "parameter 'name'",
  },
  {
    name: 'django view URL parameter needs a Django views module',
    rule: 'KR108',
    vuln: dj('from django.shortcuts import render\nfrom django.http import HttpResponse', 'return HttpResponse(name)', ', name'),
    safe: dj('from myapp.http import HttpResponse', 'return HttpResponse(name)', ', name'),
    source: "parameter 'name'",
  },
  {
    name: 'django view URL parameter: options with a default and functions that return no response are not URL data',
    rule: 'KR108',
    vuln: dj('from django.shortcuts import render\nfrom django.http import HttpResponse', 'return HttpResponse(path)', ', path, document_root=None'),
    safe: py(`
from django.http import HttpResponse
def serve(request, document_root=None, template=None):
    return HttpResponse(document_root)
def login(request, user):
    request.session["uid"] = user
    cache[user] = HttpResponse(user)
`),
    source: "parameter 'path'",
  },
  {
    name: 'django class-based view self.kwargs is a request source',
    rule: 'KR108',
    vuln: py(`
from django.http import HttpResponse
from django.views.generic import TemplateView
class Hello(TemplateView):
    def get(self, request, *args, **kwargs):
        return HttpResponse("<h1>" + self.kwargs["name"] + "</h1>")
`),
    safe: py(`
from django.http import HttpResponse
class Widget:
    def render(self):
        return HttpResponse("<h1>" + self.kwargs["name"] + "</h1>")
`),
    source: 'self.kwargs',
  },
  // ---- constant templates: escaped unless the template says otherwise
  {
    name: 'render_template_string: a |safe variable is raw, an escaped one is not',
    rule: 'KR108',
    vuln: view('from flask import render_template_string', `return render_template_string("<p>{{ name|safe }}</p>", name=${u})`),
    safe: view('from flask import render_template_string', `return render_template_string("<p>{{ name }}</p>", name=${u})`),
    source: 'request.args',
  },
  {
    name: 'render_template_string: {% autoescape false %} (a constant template in a variable)',
    rule: 'KR108',
    vuln: view('from flask import render_template_string\nPAGE = "{% autoescape false %}<p>{{ q }}</p>{% endautoescape %}"', `return render_template_string(PAGE, q=${u})`),
    safe: view('from flask import render_template_string\nPAGE = "{% autoescape false %}<p>{{ q|e }}</p>{% endautoescape %}"', `return render_template_string(PAGE, q=${u})`),
    source: 'request.args',
  },
  {
    name: 'render_template_string: only the raw variable matters',
    rule: 'KR108',
    vuln: view('from flask import render_template_string', `return render_template_string("<p>{{ bio|safe }} {{ name }}</p>", bio=${u}, name="x")`),
    safe: view('from flask import render_template_string', `return render_template_string("<p>{{ bio|safe }} {{ name }}</p>", bio="static", name=${u})`),
    source: 'request.args',
  },
  {
    name: 'render_template_string: a loop variable printed raw taints its list',
    rule: 'KR108',
    vuln: view('from flask import render_template_string', `return render_template_string("{% for c in comments %}<li>{{ c|safe }}</li>{% endfor %}", comments=[${u}])`),
    safe: view('from flask import render_template_string', `return render_template_string("{% for c in comments %}<li>{{ c }}</li>{% endfor %}", comments=[${u}])`),
    source: 'request.args',
  },
  {
    name: 'jinja2 Environment(autoescape=False).from_string().render()',
    rule: 'KR108',
    vuln: view('import jinja2', `env = jinja2.Environment(autoescape=False)\nreturn env.from_string("<b>{{ x }}</b>").render(x=${u})`),
    safe: view('import jinja2', `env = jinja2.Environment(autoescape=True)\nreturn env.from_string("<b>{{ x }}</b>").render(x=${u})`),
    source: 'request.args',
  },
  {
    name: 'jinja2 Environment() without autoescape; select_autoescape() escapes strings',
    rule: 'KR108',
    vuln: view('from jinja2 import Environment', `tpl = Environment().from_string("<b>{{ x }}</b>")\nreturn tpl.render({"x": ${u}})`),
    safe: view('from jinja2 import Environment, select_autoescape', `tpl = Environment(autoescape=select_autoescape()).from_string("<b>{{ x }}</b>")\nreturn tpl.render({"x": ${u}})`),
    source: 'request.args',
  },
  {
    name: 'jinja2.Template().render() (autoescape off by default; |e escapes)',
    rule: 'KR108',
    vuln: view('import jinja2', `return jinja2.Template("<b>{{ x }}</b>").render(x=${u})`),
    safe: view('import jinja2', `return jinja2.Template("<b>{{ x|e }}</b>").render(x=${u})`),
    source: 'request.args',
  },
  {
    name: 'django Template().render(Context()) autoescapes unless |safe',
    rule: 'KR108',
    vuln: dj('from django.template import Template, Context\nfrom django.http import HttpResponse', `t = Template("<p>{{ bio|safe }}</p>")\nreturn HttpResponse(t.render(Context({"bio": ${g}})))`.replace('HttpResponse(t.render', 'str(t.render'), ''),
    safe: dj('from django.template import Template, Context\nfrom django.http import HttpResponse', `t = Template("<p>{{ bio }}</p>")\nreturn str(t.render(Context({"bio": ${g}})))`, ''),
    source: 'request.GET',
  },
];

describe('taint model rows: reflected XSS', () => runPairs(pairs));
