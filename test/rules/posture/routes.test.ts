/**
 * Posture rules on route handlers (KR310–KR316): each flags its vulnerable handler at the
 * right line and stays quiet on the safe twin (KR317 user enumeration is in
 * test/rules/seed-checks.test.ts).
 */
import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

const FLASK = 'from flask import Flask, request, jsonify, abort\nfrom flask_login import login_required, current_user\napp = Flask(__name__)\n';
const FASTAPI = 'from fastapi import FastAPI, Depends, UploadFile\napp = FastAPI()\n';

describe('KR310 state-changing-route-without-auth', () => {
  it('flags POST/PUT/DELETE routes with no authentication', () =>
    testRule('KR310', {
      valid: [
        FLASK + '@app.route("/orders", methods=["POST"])\n@login_required\ndef create_order():\n    return "ok"',
        FLASK + '@app.route("/orders", methods=["GET"])\ndef list_orders():\n    return "ok"',
        FLASK + '@app.route("/login", methods=["POST"])\ndef login():\n    return "ok"  # public by design',
        FASTAPI + 'def get_current_user(): ...\n@app.delete("/orders/{order_id}")\ndef delete_order(order_id: int, user=Depends(get_current_user)):\n    return {}',
      ],
      invalid: [
        { code: FLASK + '@app.route("/orders", methods=["POST"])\ndef create_order():\n    return "ok"', errors: [{ line: 5, column: 1, message: 'POST /orders changes state but no authentication is applied (no auth decorator, dependency, permission class or check).' }] },
        { code: FASTAPI + '@app.delete("/orders/{order_id}")\ndef delete_order(order_id: int):\n    return {}', lines: [4] },
        { code: FLASK + '@app.route("/admin/login", methods=["POST"])\ndef admin_login():\n    return "ok"  # admin paths are never public', lines: [5] },
      ],
    }));
});

describe('KR311 admin-route-without-role-check', () => {
  it('flags admin routes with no role or permission check', () =>
    testRule('KR311', {
      valid: [
        FLASK + 'from flask_security import roles_required\n@app.route("/admin/users/<int:user_id>", methods=["DELETE"])\n@login_required\n@roles_required("admin")\ndef delete_user(user_id):\n    return "ok"',
        FLASK + '@app.route("/admin/stats")\n@login_required\ndef stats():\n    if not current_user.is_admin:\n        abort(403)\n    return "ok"',
        FLASK + '@app.route("/users/<int:user_id>")\n@login_required\ndef show_user(user_id):\n    return "ok"',
      ],
      invalid: [
        { code: FLASK + '@app.route("/admin/users/<int:user_id>", methods=["DELETE"])\n@login_required\ndef delete_user(user_id):\n    return "ok"', errors: [{ line: 6, column: 1, message: 'Admin route /admin/users/<int:user_id> has no role or permission check: any logged-in user can call it.' }] },
        { code: FASTAPI + '@app.post("/internal/reindex")\ndef reindex():\n    return {}', lines: [4] },
      ],
    }));
});

describe('KR312 idor-lookup-without-owner-check', () => {
  const DJANGO = 'from django.contrib.auth.decorators import login_required\nfrom django.shortcuts import get_object_or_404\nfrom django.http import JsonResponse\nfrom .models import Order\n';
  const VIEWS = { path: 'orders/views.py', packageName: 'orders' };
  it('flags lookups by a request-supplied id with no owner filter or check', () =>
    testRule('KR312', {
      valid: [
        { code: DJANGO + '@login_required\ndef order_detail(request, pk):\n    order = get_object_or_404(Order, pk=pk, owner=request.user)\n    return JsonResponse({"id": order.pk})', options: VIEWS },
        { code: DJANGO + '@login_required\ndef order_detail(request, pk):\n    order = request.user.orders.get(pk=pk)\n    return JsonResponse({"id": order.pk})', options: VIEWS },
        { code: DJANGO + '@login_required\ndef order_detail(request, pk):\n    order = Order.objects.get(pk=pk)\n    if order.owner != request.user:\n        raise PermissionDenied\n    return JsonResponse({"id": order.pk})', options: VIEWS },
        // An HTTP call and a table of constants are not stores of user objects.
        { code: FLASK + 'import requests\n@app.route("/p")\ndef proxy():\n    url = request.args["url"]\n    return requests.get(url, timeout=5).text', options: { packageName: 'shop' } },
        { code: FLASK + 'LANGUAGES = {"en": "English", "fr": "French"}\n@app.route("/lang")\ndef lang():\n    code = request.args["code"]\n    return LANGUAGES.get(code) or "?"', options: { packageName: 'shop' } },
      ],
      invalid: [
        { code: DJANGO + '@login_required\ndef order_detail(request, pk):\n    order = Order.objects.get(pk=pk)\n    return JsonResponse({"id": order.pk})', errors: [{ line: 7, column: 13, message: 'Object looked up by a request-supplied id (Order.objects.get) with no owner filter or ownership check: another user\'s object may be returned (IDOR).' }], options: VIEWS },
        { code: FLASK + 'from .models import Order\n@app.route("/orders/<int:order_id>")\n@login_required\ndef show(order_id):\n    return jsonify(Order.query.get_or_404(order_id).to_dict())', lines: [8], options: { packageName: 'shop' } },
        { code: FLASK + 'from .store import documents\n@app.route("/doc")\ndef doc():\n    doc_id = request.args["id"]\n    return jsonify(documents.get(doc_id))', lines: [8], options: { packageName: 'shop' } },
      ],
    }));
});

describe('KR313 login-route-without-rate-limit', () => {
  it('flags credential-accepting login routes with no limiter', () =>
    testRule('KR313', {
      valid: [
        FLASK + 'from flask_limiter import Limiter\nlimiter = Limiter(app)\n@app.route("/login", methods=["POST"])\n@limiter.limit("5 per minute")\ndef login():\n    return "ok"',
        FLASK + 'from flask_limiter import Limiter\nlimiter = Limiter(app, default_limits=["100 per hour"])\n@app.route("/login", methods=["POST"])\ndef login():\n    return "ok"',
        FLASK + '@app.route("/login", methods=["GET"])\ndef login_form():\n    return "form"  # shows the form, takes no credentials',
      ],
      invalid: [
        { code: FLASK + '@app.route("/login", methods=["POST"])\ndef login():\n    return "ok"', errors: [{ line: 5, column: 1, message: 'Login route /login has no rate limiting: passwords can be guessed at full speed.' }] },
        { code: FASTAPI + '@app.post("/token")\ndef token():\n    return {}', lines: [4] },
      ],
    }));
});

describe('KR314 csrf-exempt-view', () => {
  it('flags CSRF exemptions on views', () =>
    testRule('KR314', {
      valid: [
        'from django.views.decorators.csrf import csrf_protect\n@csrf_protect\ndef update(request):\n    ...',
        'from django.views.decorators.http import require_POST\n@require_POST\ndef update(request):\n    ...',
      ],
      invalid: [
        { code: 'from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef update(request):\n    ...', errors: [{ line: 2, column: 2, message: 'update is exempt from CSRF protection: cross-site requests can act with the user\'s session.' }] },
        {
          code: 'from django.utils.decorators import method_decorator\nfrom django.views.decorators.csrf import csrf_exempt\nfrom django.views import View\n@method_decorator(csrf_exempt, name="dispatch")\nclass Hook(View):\n    ...',
          lines: [4],
        },
        { code: 'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\n@csrf.exempt\nasync def hook():\n    ...', lines: [3] },
      ],
    }));
});

describe('KR315 route-input-not-validated', () => {
  it('flags handlers that read request data with no validation step', () =>
    testRule('KR315', {
      valid: [
        FASTAPI + 'from pydantic import BaseModel, Field\nclass OrderIn(BaseModel):\n    item: str = Field(max_length=100)\n@app.post("/orders")\ndef create_order(order: OrderIn):\n    return {}',
        FLASK + '@app.route("/orders", methods=["POST"])\n@login_required\ndef create_order():\n    qty = request.form.get("qty", "")\n    if not qty.isdigit() or not 0 < int(qty) <= 100:\n        abort(400)\n    return "ok"',
      ],
      invalid: [
        { code: FLASK + '@app.route("/orders", methods=["POST"])\n@login_required\ndef create_order():\n    data = request.get_json()\n    save(data["item"], data["qty"])\n    return "ok"', errors: [{ line: 6, column: 1, message: '/orders reads request.get_json() without validation (no schema, form, serializer or explicit check).' }] },
      ],
    }));
});

describe('KR316 upload-without-type-check', () => {
  it('flags uploads saved without a look at their type, name or size', () =>
    testRule('KR316', {
      valid: [
        FLASK + 'import os\nfrom werkzeug.utils import secure_filename\n@app.route("/avatar", methods=["POST"])\n@login_required\ndef avatar():\n    f = request.files["avatar"]\n    name = secure_filename(f.filename)\n    if os.path.splitext(name)[1].lower() not in {".png", ".jpg"}:\n        abort(400)\n    f.save(os.path.join("uploads", name))\n    return "ok"',
        FASTAPI + '@app.post("/upload")\nasync def upload(file: UploadFile):\n    if file.content_type not in ("image/png", "image/jpeg"):\n        return {"error": "type"}\n    return {}',
      ],
      invalid: [
        { code: FLASK + 'import os\n@app.route("/avatar", methods=["POST"])\n@login_required\ndef avatar():\n    f = request.files["avatar"]\n    f.save(os.path.join("uploads", f.filename))\n    return "ok"', errors: [{ line: 7, column: 1, message: '/avatar accepts a file upload without checking its type, name or size.' }] },
        { code: FASTAPI + '@app.post("/upload")\nasync def upload(file: UploadFile):\n    data = await file.read()\n    return {"n": len(data)}', lines: [4] },
      ],
    }));
});
