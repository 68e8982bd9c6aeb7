/**
 * Posture rules on framework settings (KR301–KR308): each flags its vulnerable snippet at the
 * right line and stays quiet on the safe twin (and on development settings where the rule
 * exempts them).
 */
import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/** A Django settings module is recognised by its path and one of the core settings. */
const SETTINGS = { path: 'shop/settings.py' };
const DJANGO = 'import os\nINSTALLED_APPS = ["django.contrib.auth", "shop"]\n';
const FLASK = 'import os\nfrom flask import Flask\napp = Flask(__name__)\n';

describe('KR301 django-debug-true', () => {
  it('flags DEBUG = True in a production settings module only', () =>
    testRule('KR301', {
      valid: [
        { code: DJANGO + 'DEBUG = os.environ.get("DJANGO_DEBUG") == "1"', options: SETTINGS },
        { code: DJANGO + 'DEBUG = False', options: SETTINGS },
        { code: DJANGO + 'DEBUG = True', options: { path: 'shop/settings/dev.py' } },
        { code: 'DEBUG = True  # not a Django settings module', options: { path: 'shop/constants.py' } },
      ],
      invalid: [
        { code: DJANGO + 'DEBUG = True', errors: [{ line: 3, column: 1, message: 'DEBUG = True in a Django settings module: error pages will show settings, variables and tracebacks to visitors.' }], options: SETTINGS },
        { code: DJANGO + 'ON = True\nDEBUG = ON', lines: [4], options: { path: 'shop/settings/production.py' } },
      ],
    }));
});

describe('KR302 django-allowed-hosts-wildcard', () => {
  it("flags '*' in ALLOWED_HOSTS", () =>
    testRule('KR302', {
      valid: [
        { code: DJANGO + 'ALLOWED_HOSTS = ["shop.example.com", ".example.com"]', options: SETTINGS },
        { code: DJANGO + 'ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")', options: SETTINGS },
        { code: DJANGO + 'ALLOWED_HOSTS = ["*"]', options: { path: 'shop/local_settings.py' } },
      ],
      invalid: [
        { code: DJANGO + 'ALLOWED_HOSTS = ["shop.example.com", "*"]', errors: [{ line: 3, column: 1, message: 'ALLOWED_HOSTS accepts any host (\'*\'): Host-header poisoning of reset links and caches becomes possible.' }], options: SETTINGS },
        { code: DJANGO + "ALLOWED_HOSTS = ('*',)", lines: [3], options: SETTINGS },
      ],
    }));
});

describe('KR303 hardcoded-framework-secret-key', () => {
  it('flags a literal SECRET_KEY in Django settings and the Flask config', () =>
    testRule('KR303', {
      valid: [
        { code: DJANGO + 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', options: SETTINGS },
        FLASK + 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]',
        FLASK + 'app.secret_key = os.urandom(32)',
        FLASK + 'app.config["SECRET_KEY"] = "short"  # under 8 characters: a placeholder',
        'SECRET_KEY = "not-a-framework-setting-at-all"  # no framework here',
      ],
      invalid: [
        { code: DJANGO + 'SECRET_KEY = "django-insecure-8f#k2@x!m9q$w7e3"', errors: [{ line: 3, column: 1, message: 'Django SECRET_KEY is a literal in the settings module: anyone with the code can forge sessions and reset tokens.' }], options: SETTINGS },
        { code: FLASK + 'app.config["SECRET_KEY"] = "change-me-in-production"', lines: [4] },
        { code: FLASK + 'app.config.update(SECRET_KEY="change-me-in-production")', lines: [4] },
        { code: FLASK + 'class Config:\n    SECRET_KEY = "change-me-in-production"', lines: [5] },
      ],
    }));
});

describe('KR304 django-missing-security-settings', () => {
  const secure = 'SECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n';
  it('flags a full settings module that never sets the HTTPS settings', () =>
    testRule('KR304', {
      valid: [
        { code: DJANGO + secure, options: SETTINGS },
        { code: 'from .base import *\nINSTALLED_APPS += ["debug_toolbar"]\nALLOWED_HOSTS = ["x"]', options: SETTINGS },
        { code: DJANGO, options: { path: 'shop/settings/dev.py' } },
      ],
      invalid: [
        { code: DJANGO + 'MIDDLEWARE = []\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True', errors: [{ line: 3, column: 1, message: 'Django settings never set SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS: cookies may travel over plain HTTP and HTTPS is not enforced.' }], options: SETTINGS },
        { code: DJANGO + 'DEBUG = False', lines: [2], options: SETTINGS },
      ],
    }));
});

describe('KR305 django-csrf-middleware-missing', () => {
  it('flags session middleware without CsrfViewMiddleware', () =>
    testRule('KR305', {
      valid: [
        {
          code: DJANGO + 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n]',
          options: SETTINGS,
        },
        { code: DJANGO + 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]  # no sessions: nothing to forge', options: SETTINGS },
      ],
      invalid: [
        {
          code: DJANGO + 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.contrib.auth.middleware.AuthenticationMiddleware",\n]',
          errors: [{ line: 3, column: 1, message: 'MIDDLEWARE has no CsrfViewMiddleware: no view checks CSRF tokens although sessions are used.' }],
          options: SETTINGS,
        },
      ],
    }));
});

describe('KR306 debug-mode-in-app-config', () => {
  it('flags debug=True on FastAPI/Starlette and DEBUG = True in the Flask config', () =>
    testRule('KR306', {
      valid: [
        'import os\nfrom fastapi import FastAPI\napp = FastAPI(debug=os.environ.get("APP_ENV") == "development")',
        'from fastapi import FastAPI\napp = FastAPI(debug=False)',
        FLASK + 'app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"',
        FLASK + 'class DevelopmentConfig:\n    DEBUG = True',
        'def FastAPI(debug): ...\napp = FastAPI(debug=True)  # not the framework',
      ],
      invalid: [
        { code: 'from fastapi import FastAPI\napp = FastAPI(title="shop", debug=True)', errors: [{ line: 2, column: 29, message: 'FastAPI(debug=True) returns tracebacks to clients on errors.' }] },
        { code: 'from starlette.applications import Starlette\napp = Starlette(debug=True)', lines: [2] },
        { code: FLASK + 'app.debug = True', lines: [4] },
        { code: FLASK + 'class ProductionConfig:\n    PROPAGATE_EXCEPTIONS = True', lines: [5] },
      ],
    }));
});

describe('KR307 insecure-session-cookie-config', () => {
  it('flags session cookie settings that are explicitly weakened', () =>
    testRule('KR307', {
      valid: [
        FLASK + 'app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")',
        { code: DJANGO + 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True', options: SETTINGS },
        { code: DJANGO + 'SESSION_COOKIE_SECURE = False', options: { path: 'shop/settings/local.py' } },
        FLASK + 'class TestingConfig:\n    SESSION_COOKIE_SECURE = False',
        'SESSION_COOKIE_SECURE = False  # neither a framework nor a settings module',
      ],
      invalid: [
        { code: FLASK + 'app.config["SESSION_COOKIE_SECURE"] = False', errors: [{ line: 4, column: 1, message: 'SESSION_COOKIE_SECURE is weakened: the session cookie is sent over plain HTTP.' }] },
        { code: FLASK + 'app.config.update(SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE=None)', lines: [4, 4] },
        { code: DJANGO + 'CSRF_COOKIE_SECURE = False\nSESSION_COOKIE_SAMESITE = "None"', lines: [3, 4], options: SETTINGS },
      ],
    }));
});

describe('KR308 cors-wildcard-with-credentials', () => {
  it('flags any-origin CORS with credentials', () =>
    testRule('KR308', {
      valid: [
        'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://shop.example.com"], allow_credentials=True)',
        'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["*"])',
        'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app, origins=["https://shop.example.com"], supports_credentials=True)',
      ],
      invalid: [
        {
          code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_credentials=True,\n)',
          errors: [{ line: 4, column: 1, message: 'CORS allows any origin together with credentials: every website can make authenticated requests and read the responses.' }],
        },
        { code: 'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app, supports_credentials=True)', lines: [4] },
        { code: 'from flask_cors import cross_origin\n@cross_origin(origins="*", supports_credentials=True)\ndef api(): ...', lines: [2] },
      ],
    }));
});
