"""Settings for the tri web service, driven by environment variables (django-environ).

Local defaults are safe: SQLite in ./var, console email, DEBUG off. Production differs only by
environment values (see docs/deploy.md): DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS,
TRI_SECURE=true behind HTTPS, EMAIL_URL for SMTP.
"""

from pathlib import Path

import environ
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(environ.Env().str("TRI_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    TRI_SECURE=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
)

DEBUG = env("DEBUG")
# The fallback key only exists so that a fresh clone starts; TRI_SECURE refuses it.
_LOCAL_KEY = "local-only-insecure-key-do-not-deploy"
SECRET_KEY = env.str("SECRET_KEY", default=_LOCAL_KEY)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "tri.common",
    "tri.accounts",
    "tri.organisations",
    "tri.assessments",
    "tri.rounds",
    "tri.returns",
    "tri.statement",
    "tri.publication",
    "ninja",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tri.config.urls"
WSGI_APPLICATION = "tri.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "tri" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "tri.common.context_processors.service",
            ],
        },
    }
]
# GOV.UK markup for form fields is written once, in templates/django/forms/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tri.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Benchmarks, rendered benchmark and public page bodies and the London overview are cached
# (their keys change with what they show). In memory per worker process by default; CACHE_URL
# shares one cache between workers, e.g. filecache:///var/tri/cache or redis://host:6379/1.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): lock an email + address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: GOV.UK Frontend comes from npm (node_modules, installed by `make setup`).
# Its precompiled CSS asks for /assets/fonts and /assets/images, so static files live at /assets/.
STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"
_GOVUK = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [
    BASE_DIR / "src" / "tri" / "static",
    _GOVUK / "assets",
    ("govuk", _GOVUK),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    # Evidence files sit outside the web root and are only served through an access check.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "evidence", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
TRI_EVIDENCE_MAX_BYTES = env.int("TRI_EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploads stream to temporary files; the first handler stops reading a request body once it
# passes TRI_RETURN_MAX_BYTES, so an oversized workforce return is refused, not stored.
FILE_UPLOAD_HANDLERS = [
    "tri.common.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Workforce returns (tri.returns). An upload waits in TRI_RETURNS_DIR for the worker, which
# deletes it as soon as the figures are computed; only the figures are stored.
TRI_RETURNS_DIR = Path(env.str("TRI_RETURNS_DIR", default=str(VAR_DIR / "returns")))
TRI_RETURN_MAX_BYTES = env.int("TRI_RETURN_MAX_BYTES", default=512 * 1024 * 1024)
# A return whose worker has not reported for this long is treated as stopped (the worker died).
TRI_RETURN_STALE_SECONDS = env.int("TRI_RETURN_STALE_SECONDS", default=120)

# The open data API and public pages (tri.publication). Requests per client address to the API;
# behind a proxy, set NINJA_NUM_PROXIES so the address is read from X-Forwarded-For (never
# trusted otherwise, so a client cannot dodge the limit by sending the header).
TRI_API_RATE = env.str("TRI_API_RATE", default="600/m")
NINJA_NUM_PROXIES = env.int("NINJA_NUM_PROXIES", default=0)
# Anyone's web page may read what is published (GET only, no cookies): the API, the public
# pages and their data, and the Statement's register.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/(api/v1/|public/|statement/register\.(json|csv)$).*"

# Background tasks: Django's task framework (the django-tasks backport on Django 5.2) with a
# database-backed queue, so no extra server is needed. `manage.py serve` (what `make run`
# starts) runs the worker beside the web server. TRI_TASKS_BACKEND=immediate runs every task
# in the request instead, for a deployment without a worker.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[env.str("TRI_TASKS_BACKEND", default="database")],
        "QUEUES": ["default"],
    }
}

# Extra folders of Standard versions (YAML), as for `tri --standards`.
TRI_STANDARDS_PATH = env.list("TRI_STANDARDS_PATH", default=[])

# Console email unless EMAIL_URL names an SMTP server (smtp+tls://user:password@host:587).
_EMAIL = env.email("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="tri <noreply@tri.invalid>")
TRI_INVITATION_DAYS = 14

# Security. TRI_SECURE=true is for any deployment behind HTTPS.
_SECURE = env("TRI_SECURE")
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_SSL_REDIRECT = _SECURE
SECURE_HSTS_SECONDS = 31536000 if _SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE
SECURE_HSTS_PRELOAD = _SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _SECURE else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if _SECURE and SECRET_KEY == _LOCAL_KEY:
    raise environ.ImproperlyConfigured("Set SECRET_KEY: TRI_SECURE=true refuses the local key.")

# Content Security Policy (django-csp): nothing inline except the GOV.UK template's one
# body-class script, which carries a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
TRI_SITE_URL = env.str("TRI_SITE_URL", default="http://127.0.0.1:8000")
