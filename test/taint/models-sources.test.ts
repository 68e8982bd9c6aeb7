import { describe } from 'vitest';
import { py, runPairs, type Pair } from './models-helpers.js';

const FLASK = 'from flask import Flask, request\nimport os, subprocess\napp = Flask(__name__)\n';
const DJANGO = 'import os\nfrom django.http import HttpResponse\n';

const pairs: Pair[] = [
  // ---- Flask / Werkzeug
  ...['args["c"]', 'form["c"]', 'values["c"]', 'cookies["c"]', 'headers["X-C"]', 'get_json()["c"]', 'json["c"]', 'get_data(as_text=True)', 'data.decode()', 'view_args["c"]'].map(
    (a): Pair => ({
      name: `flask request.${a}`,
      rule: 'KR102',
      vuln: FLASK + `@app.route("/x")\ndef x():\n    os.system("echo " + request.${a})`,
      safe: FLASK + '@app.route("/x")\ndef x():\n    os.system("echo " + request.method)',
      source: 'request.',
    }),
  ),
  {
    name: 'flask path parameter <name> (not <int:name>)',
    rule: 'KR102',
    vuln: FLASK + '@app.route("/x/<name>")\ndef x(name):\n    os.system("echo " + name)',
    safe: FLASK + '@app.route("/x/<int:name>")\ndef x(name):\n    os.system("echo %d" % name)',
    source: "parameter 'name'",
  },
  {
    name: 'uploaded file name (request.files[...].filename)',
    rule: 'KR104',
    vuln: FLASK + '@app.route("/up", methods=["POST"])\ndef up():\n    f = request.files["doc"]\n    open("/srv/up/" + f.filename, "wb").write(f.read())',
    safe: FLASK + 'from werkzeug.utils import secure_filename\n@app.route("/up", methods=["POST"])\ndef up():\n    f = request.files["doc"]\n    open("/srv/up/" + secure_filename(f.filename), "wb").write(f.read())',
    source: 'request.files',
  },
  // An upload is a file object: its name is a path, the object and its stream are not.
  {
    name: 'an uploaded file object or its stream is no path (zipfile.ZipFile(upload.stream)); its filename is',
    rule: 'KR104',
    vuln: FLASK + 'import zipfile\n@app.route("/up", methods=["POST"])\ndef up():\n    upload = request.files.get("archive")\n    return str(zipfile.ZipFile(upload.filename).namelist())',
    safe: FLASK + 'import zipfile\n@app.route("/up", methods=["POST"])\ndef up():\n    upload = request.files.get("archive")\n    zipfile.ZipFile(upload)\n    return str(zipfile.ZipFile(upload.stream).namelist())',
    source: 'request.files',
  },
  {
    name: 'either of two uploads (a conditional expression): the name is still a path',
    rule: 'KR104',
    vuln: FLASK + '@app.route("/up", methods=["POST"])\ndef up():\n    f = request.files["a"] if "a" in request.files else request.files["b"]\n    open("/srv/up/" + f.filename, "wb").write(f.read())',
    safe: FLASK + '@app.route("/up", methods=["POST"])\ndef up():\n    f = request.files["a"] if "a" in request.files else request.files["b"]\n    open("/srv/up/fixed.bin", "wb").write(f.read())',
    source: 'request.files',
  },
  {
    name: "Django's request.FILES: the object is no path, its name is",
    rule: 'KR104',
    vuln: DJANGO + 'def view(request):\n    f = request.FILES["doc"]\n    open("/srv/up/" + f.name, "wb").write(f.read())\n    return HttpResponse("ok")',
    safe: DJANGO + 'import zipfile\ndef view(request):\n    f = request.FILES["doc"]\n    names = zipfile.ZipFile(f).namelist()\n    return HttpResponse("ok")',
    source: 'request.FILES',
  },
  {
    name: "Tornado's uploads are dicts: the filename key is a path, the body is not",
    rule: 'KR104',
    vuln: 'import tornado.web\nclass H(tornado.web.RequestHandler):\n    def post(self):\n        f = self.request.files["doc"][0]\n        open("/srv/up/" + f["filename"], "wb").write(f["body"])',
    safe: 'import io, zipfile\nimport tornado.web\nclass H(tornado.web.RequestHandler):\n    def post(self):\n        f = self.request.files["doc"][0]\n        zipfile.ZipFile(io.BytesIO(f["body"])).namelist()',
    source: 'request.files',
  },
  {
    name: 'uploaded file contents (.read())',
    rule: 'KR109',
    vuln: FLASK + 'import pickle\n@app.route("/up", methods=["POST"])\ndef up():\n    return str(pickle.loads(request.files["state"].read()))',
    safe: FLASK + 'import pickle\n@app.route("/up", methods=["POST"])\ndef up():\n    return str(pickle.loads(open("/srv/state.pkl", "rb").read()))',
    source: 'request.files',
  },
  {
    name: 'uploaded file stream (.stream)',
    rule: 'KR109',
    vuln: FLASK + 'import pickle\n@app.route("/up", methods=["POST"])\ndef up():\n    return str(pickle.load(request.files["state"].stream))',
    safe: FLASK + 'import pickle\n@app.route("/up", methods=["POST"])\ndef up():\n    return str(pickle.load(open("/srv/state.pkl", "rb")))',
    source: 'request.files',
  },
  // ---- Django
  ...['GET["q"]', 'POST["q"]', 'body.decode()', 'META["HTTP_X_Q"]', 'COOKIES["q"]', 'headers["X-Q"]', 'FILES["f"].name'].map(
    (a): Pair => ({
      name: `django request.${a}`,
      rule: 'KR102',
      vuln: DJANGO + `def view(request):\n    os.system("echo " + request.${a})\n    return HttpResponse("ok")`,
      safe: DJANGO + 'def view(request):\n    os.system("echo " + request.method)\n    return HttpResponse("ok")',
      source: 'request.',
    }),
  ),
  {
    name: 'django form cleaned_data of a CharField (not an IntegerField)',
    rule: 'KR102',
    vuln: py(`
import os
from django import forms
class F(forms.Form):
    name = forms.CharField()
    age = forms.IntegerField()
def view(request):
    form = F(request.POST)
    if form.is_valid():
        os.system("echo " + form.cleaned_data["name"])
`),
    safe: py(`
import os
from django import forms
class F(forms.Form):
    name = forms.CharField()
    age = forms.IntegerField()
def view(request):
    form = F(request.POST)
    if form.is_valid():
        os.system("echo %s" % form.cleaned_data["age"])
`),
    source: 'cleaned_data',
  },
  {
    name: 'DRF serializer validated_data of a URLField (not an IntegerField)',
    rule: 'KR102',
    vuln: py(`
import os
from rest_framework import serializers
from rest_framework.views import APIView
class S(serializers.Serializer):
    url = serializers.URLField()
    n = serializers.IntegerField()
class V(APIView):
    def post(self, request):
        s = S(data=request.data)
        s.is_valid(raise_exception=True)
        os.system("curl " + s.validated_data["url"])
`),
    safe: py(`
import os
from rest_framework import serializers
from rest_framework.views import APIView
class S(serializers.Serializer):
    url = serializers.URLField()
    n = serializers.IntegerField()
class V(APIView):
    def post(self, request):
        s = S(data=request.data)
        s.is_valid(raise_exception=True)
        os.system("echo %s" % s.validated_data["n"])
`),
    source: 'validated_data',
  },
  // ---- DRF
  ...['data["q"]', 'query_params["q"]', 'query_params.get("q")'].map(
    (a): Pair => ({
      name: `drf request.${a}`,
      rule: 'KR101',
      vuln: `from rest_framework.decorators import api_view\n@api_view(["GET"])\ndef v(request):\n    cursor.execute("SELECT * FROM t WHERE n = '%s'" % request.${a})`,
      safe: `from rest_framework.decorators import api_view\n@api_view(["GET"])\ndef v(request):\n    cursor.execute("SELECT * FROM t WHERE n = %s", [request.${a}])`,
      source: 'request.',
    }),
  ),
  // ---- FastAPI / Starlette
  {
    name: 'fastapi str path parameter (an int one is not a source)',
    rule: 'KR101',
    vuln: 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/i/{item}")\ndef i(item: str):\n    db.execute(f"SELECT * FROM t WHERE n = \'{item}\'")',
    safe: 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/i/{item}")\ndef i(item: int):\n    db.execute(f"SELECT * FROM t WHERE n = {item}")',
    source: "parameter 'item'",
  },
  ...[
    ['Literal', 'from typing import Literal', 'Literal["small", "large"] = "small"'],
    ['Optional[Literal]', 'from typing import Literal, Optional', 'Optional[Literal["small", "large"]] = None'],
    ['Annotated[Literal, Query()]', 'from typing import Annotated, Literal\nfrom fastapi import Query', 'Annotated[Literal["small", "large"], Query()] = "small"'],
    ['an Enum of the module', 'from enum import Enum\nclass Size(str, Enum):\n    small = "small"\n    large = "large"', 'Size = Size.small'],
  ].map(([what, imports, ann]) => ({
    name: `fastapi query parameter typed ${what} admits only its constants (a str one is a source)`,
    rule: 'KR102',
    vuln: `import os\n${imports}\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.get("/s")\ndef s(size: str = "small"):\n    os.system(f"convert in.png -resize {size} out.png")`,
    safe: `import os\n${imports}\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.get("/s")\ndef s(size: ${ann}):\n    os.system(f"convert in.png -resize {size} out.png")`,
    source: "parameter 'size'",
  })),
  {
    name: 'fastapi query parameter (Depends is not)',
    rule: 'KR101',
    vuln: 'from fastapi import FastAPI, Depends\napp = FastAPI()\n@app.get("/s")\ndef s(q: str = ""):\n    db.execute(f"SELECT * FROM t WHERE n = \'{q}\'")',
    safe: 'from fastapi import FastAPI, Depends\napp = FastAPI()\n@app.get("/s")\ndef s(q: str = Depends(current_name)):\n    db.execute(f"SELECT * FROM t WHERE n = \'{q}\'")',
    source: "parameter 'q'",
  },
  ...['(await request.json())["q"]', '(await request.body()).decode()', '(await request.form())["q"]', 'request.query_params["q"]', 'request.path_params["q"]'].map(
    (a): Pair => ({
      name: `starlette Request ${a}`,
      rule: 'KR101',
      vuln: `from fastapi import FastAPI, Request\napp = FastAPI()\n@app.post("/s")\nasync def s(request: Request):\n    db.execute("SELECT * FROM t WHERE n = '" + ${a} + "'")`,
      safe: `from fastapi import FastAPI, Request\napp = FastAPI()\n@app.post("/s")\nasync def s(request: Request):\n    db.execute("SELECT * FROM t WHERE n = ?", (${a},))`,
      source: 'request.',
    }),
  ),
  // ---- aiohttp
  ...['request.match_info["q"]', 'request.query["q"]', '(await request.post())["q"]', '(await request.json())["q"]', 'await request.text()', '(await request.read()).decode()'].map(
    (a): Pair => ({
      name: `aiohttp ${a}`,
      rule: 'KR102',
      vuln: `import os\nfrom aiohttp import web\nasync def h(request):\n    os.system("echo " + ${a})\n    return web.Response(text="ok")`,
      safe: `import os\nfrom aiohttp import web\nasync def h(request):\n    os.system("echo " + request.method)\n    return web.Response(text="ok")`,
      source: 'request.',
    }),
  ),
  // ---- Tornado
  ...['self.get_argument("q")', 'self.get_query_argument("q")', 'self.get_body_argument("q")', 'self.request.body.decode()', 'self.get_arguments("q")[0]'].map(
    (a): Pair => ({
      name: `tornado ${a}`,
      rule: 'KR102',
      vuln: `import os\nimport tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        os.system("echo " + ${a})`,
      safe: `import os\nimport tornado.web\nclass H(Base):\n    def get(self):\n        os.system("echo " + self.get_argument("q"))`.replace('self.get_argument("q")', a.startsWith('self.request') ? '"x"' : a),
      source: a.startsWith('self.request') ? 'request.body' : 'handler',
    }),
  ),
  {
    name: 'tornado path group parameter get(self, slug)',
    rule: 'KR102',
    vuln: 'import os\nfrom tornado.web import RequestHandler\nclass H(RequestHandler):\n    def get(self, slug):\n        os.system("echo " + slug)',
    safe: 'import os\nfrom tornado.web import RequestHandler\nclass H(RequestHandler):\n    def helper(self, slug):\n        os.system("echo " + slug)',
    source: "parameter 'slug'",
  },
  // ---- Bottle
  ...['request.query.q', 'request.query["q"]', 'request.forms.get("q")', 'request.params.get("q")', 'request.json["q"]', 'request.get_cookie("q")'].map(
    (a): Pair => ({
      name: `bottle ${a}`,
      rule: 'KR102',
      vuln: `import os\nfrom bottle import route, request\n@route("/x")\ndef x():\n    os.system("echo " + ${a})`,
      safe: `import os\nfrom bottle import route, request\n@route("/x")\ndef x():\n    os.system("echo " + request.method)`,
      source: 'request.',
    }),
  ),
  // ---- Pyramid
  ...['request.params["q"]', 'request.matchdict["q"]', 'request.json_body["q"]', 'request.GET["q"]'].map(
    (a): Pair => ({
      name: `pyramid ${a}`,
      rule: 'KR102',
      vuln: `import os\nfrom pyramid.view import view_config\n@view_config(route_name="x")\ndef x(request):\n    os.system("echo " + ${a})`,
      safe: `import os\nfrom pyramid.view import view_config\n@view_config(route_name="x")\ndef x(request):\n    os.system("echo " + request.method)`,
      source: 'request.',
    }),
  ),
  // ---- Falcon: a responder's req (typed getters give numbers: no source)
  ...['req.get_param("q")', 'req.get_param_as_list("q")[0]', 'req.params["q"]', 'req.media["q"]', 'req.get_header("X-Q")', 'req.bounded_stream.read().decode()', 'req.query_string'].map(
    (a): Pair => ({
      name: `falcon ${a}`,
      rule: 'KR102',
      vuln: `import os\nimport falcon\nclass R:\n    def on_get(self, req, resp):\n        os.system("echo " + ${a})`,
      safe: `import os\nimport falcon\nclass R:\n    def on_get(self, req, resp):\n        os.system("echo " + str(req.get_param_as_int("q")))`,
      source: 'req.',
    }),
  ),
  // ---- http.server
  ...['self.path', 'self.headers["X-Q"]', 'self.rfile.read(10).decode()', 'self.requestline'].map(
    (a): Pair => ({
      name: `http.server handler ${a}`,
      rule: 'KR102',
      vuln: `import os\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        os.system("echo " + ${a})`,
      safe: `import os\nfrom http.server import BaseHTTPRequestHandler\nclass H(Thing):\n    def do_GET(self):\n        os.system("echo " + ${a})`,
      source: 'http.server handler',
    }),
  ),
  // ---- AWS Lambda
  {
    name: 'lambda handler event',
    rule: 'KR102',
    vuln: 'import os\ndef lambda_handler(event, context):\n    os.system("echo " + event["queryStringParameters"]["q"])',
    safe: 'import os\ndef process(event, config, extra):\n    os.system("echo " + event["q"])',
    source: "parameter 'event'",
  },
  // ---- command line, console, environment
  {
    name: 'argparse parse_args() attributes',
    rule: 'KR102',
    vuln: 'import os, argparse\np = argparse.ArgumentParser()\np.add_argument("host")\nargs = p.parse_args()\nos.system("ping " + args.host)',
    safe: 'import os\nargs = settings.parse_args()\nos.system("ping " + args.host)',
    source: 'argparse',
  },
  {
    name: 'click command parameters',
    rule: 'KR102',
    vuln: 'import os, click\n@click.command()\n@click.argument("host")\ndef ping(host):\n    os.system("ping " + host)',
    safe: 'import os, click\ndef ping(host):\n    os.system("ping " + host)',
    source: 'click',
  },
  {
    name: 'typer command parameters (a plain function of the same shape is not a source)',
    rule: 'KR101',
    vuln: 'import sqlite3, typer\napp = typer.Typer()\n@app.command()\ndef show(name: str):\n    sqlite3.connect("d").execute("SELECT * FROM t WHERE n = \'" + name + "\'")',
    safe: 'import sqlite3, typer\napp = typer.Typer()\ndef show(name: str):\n    sqlite3.connect("d").execute("SELECT * FROM t WHERE n = \'" + name + "\'")',
    source: 'typer',
  },
  {
    name: 'sys.argv',
    rule: 'KR102',
    vuln: 'import os, sys\nos.system("ping " + sys.argv[1])',
    safe: 'import os, sys\nos.system("ping " + sys.platform)',
    source: 'sys.argv',
  },
  {
    name: 'input()',
    rule: 'KR102',
    vuln: 'import os\nos.system("ping " + input("host: "))',
    safe: 'import os\ndef input(prompt):\n    return "localhost"\nos.system("ping " + input("host: "))',
    source: 'input()',
  },
  {
    name: 'os.environ / os.getenv',
    rule: 'KR101',
    vuln: 'import os\ncur.execute("SELECT * FROM " + os.environ["TABLE"] + " WHERE x = " + os.getenv("X"))',
    safe: 'import os\ncur.execute("SELECT * FROM " + os.sep)',
    source: 'environ',
  },
  {
    name: 'sys.stdin',
    rule: 'KR103',
    vuln: 'import sys\nfor line in sys.stdin:\n    exec(line)',
    safe: 'import sys\nfor line in sys.path:\n    exec(line)',
    source: 'sys.stdin',
  },
];

describe('taint model rows: sources', () => runPairs(pairs));
