"""Settings for the Ketamine Therapy Center website.

Every setting that differs between a laptop and production comes from the environment
(see .env.example). The defaults are the production shape, safe on a fresh clone:
DEBUG off, SQLite, a cache shared by every worker on the machine. Development opts in
to DEBUG (`make dev`). With DEBUG off the site refuses to start without a secret key.
"""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Core
# ----------------------------------------------------------------------------

# Off unless asked for: the site, its tests and `make run` all run as production does.
DEBUG = env_bool("DJANGO_DEBUG", False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is off but DJANGO_SECRET_KEY is not set. Set DJANGO_SECRET_KEY to a "
        "long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])


# Security
# ----------------------------------------------------------------------------

# HTTPS-only behaviour (redirect, HSTS, secure cookies) is on whenever DEBUG is off.
# Only a local server on plain http (`make run`, the tests) turns it off.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Health checks from a load balancer come over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 63_072_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# The editor's script reads the token from the form, not the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A form sent with an expired token is shown again, filled in, instead of lost.
CSRF_FAILURE_VIEW = "consultations.views.csrf_failure"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind a proxy that terminates TLS, trust its X-Forwarded-Proto header (only then).
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features no page here uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)
# No inline script or style anywhere (JSON-LD data blocks are not scripts), so no
# nonce is needed and public pages can be cached whole.
# Styles, fonts and connections fall back to default-src; scripts are named anyway,
# since a script-src added later for one page must not open the others.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Staff sessions end after an hour without activity.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    # Full-text search on PostgreSQL (search/backends.py); unused on SQLite.
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "markdownx",
    "simple_history",
    "axes",
    "clinic_site",
    "publishing",
    "center",
    "clinicians",
    "conditions",
    "pages",
    "search",
    "notifications",
    "consultations",
    "selfcheck",
    "readership",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before the page-only headers below: a stylesheet
    # or script has no use for a content or permissions policy, and each cost a phone
    # about 400 bytes per file.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages rendered per request (forms, search) are gzipped here; cached pages come
    # compressed from the page cache and pass through untouched.
    "django.middleware.gzip.GZipMiddleware",
    # Views of public pages, counted outside the page cache so that its hits count too.
    "readership.middleware.ReadershipMiddleware",
    # Whole public pages, cached under the content version: a hit is answered before
    # the page-only headers (stored with the page), sessions, the language machinery,
    # authentication or the database are touched. Its key holds the address's
    # language (/es/ or not), and it stores only what was rendered in that language.
    "clinic_site.page_cache.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "clinic_site.middleware.PermissionsPolicyMiddleware",
    # ETag from the content and 304 answers to conditional requests.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address.
    "django.middleware.locale.LocaleMiddleware",
    # Public pages: brief shared caching; anything personal: never stored.
    "clinic_site.middleware.CacheHeadersMiddleware",
    # The admin in the editor's own language (public pages: the address's).
    "clinic_site.middleware.AdminLanguageMiddleware",
    "clinic_site.middleware.AdminNoIndexMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change to a page, for its revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Old addresses of moved pages redirect; unpublished and deleted pages answer 410.
    "clinic_site.middleware.RedirectFallbackMiddleware",
    # The site's own page for a method a URL does not accept.
    "clinic_site.middleware.MethodNotAllowedPageMiddleware",
    # Locks out repeated failed staff logins (last, as django-axes requires).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic_site.context_processors.site_url",
                "clinic_site.context_processors.crisis_line",
                "center.context_processors.center",
                "pages.context_processors.site_pages",
            ],
        },
    },
]


# Database and cache
# ----------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every gunicorn worker must see the same cached values (pages, the content version,
# the center's details, the contact form's rate limit), so the cache is never one
# process's memory: a folder shared by the workers of one machine by default, Redis
# when several machines serve the site. `check --deploy` warns about a per-process one.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinic_site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
            # An unreachable Redis must cost a page milliseconds, not a worker timeout.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # One folder per database, so two sites on one machine (a checkout's `make run` and
    # its benchmark, say) never serve each other's pages.
    _database = DATABASES["default"]
    _database_id = hashlib.sha256(
        f"{_database['ENGINE']}:{_database.get('HOST', '')}:{_database.get('PORT', '')}:"
        f"{_database['NAME']}".encode()
    ).hexdigest()[:12]
    CACHES = {
        "default": {
            "BACKEND": "clinic_site.cache.SharedFileCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache" / _database_id)),
            # Pages of old content versions are never asked for again; culling (a third
            # of the entries, at random, when there are more than this) clears them out.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }


# Authentication
# ----------------------------------------------------------------------------

# The admin's address; moving it off /admin/ keeps most password-guessing bots away.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
# Where staff land after signing in when the "next" address is missing or refused
# (another site's, such as //evil.com): the admin, not Django's /accounts/profile/.
LOGIN_REDIRECT_URL = f"/{ADMIN_PATH}"

AUTHENTICATION_BACKENDS = [
    # Refuses logins while an address and username are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one username from one address lock that pair out for 30
# minutes; the lock lifts by itself (time-based unlock).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalisation
# ----------------------------------------------------------------------------

LANGUAGE_CODE = "en"
# Each language is named in its own words, for the language switch.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True


# Static and media files
# ----------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only this site's own pages use its static files (no CDN, no other origin).
WHITENOISE_ALLOW_ALL_ORIGINS = False
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # A shared volume (DJANGO_MEDIA_ROOT) or an object store (a django-storages backend)
    # in production, so that every app server sees the same uploads.
    "default": {
        "BACKEND": os.environ.get("DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    # Minified, compressed (gzip and Brotli), content-hashed names, cached forever by browsers.
    "staticfiles": {"BACKEND": "clinic_site.storage.MinifiedStaticFilesStorage"},
}


# Markdown editing (django-markdownx)
# ----------------------------------------------------------------------------

# The admin's live preview renders with the same function as saving, so staff see
# exactly what patients will see.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "publishing.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_SERVER_CALL_LATENCY = 400

# Largest Markdown body an editor may save or preview, in characters.
MARKDOWN_BODY_MAX_LENGTH = 100_000
# Largest image an editor may upload, in bytes.
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# Requests above this are refused by Django before any view runs; room for one image.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024


# Content
# ----------------------------------------------------------------------------

# Markdown sources that load_content reads and export_content writes.
CONTENT_DIR = Path(os.environ.get("DJANGO_CONTENT_DIR", BASE_DIR / "content"))


# Logging
# ----------------------------------------------------------------------------

# Errors go to stderr (collected with gunicorn's output). Requests for unknown
# addresses are not logged one by one: gunicorn's access log already records them,
# and a flood of them must not become a flood of log writes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}


# Contact requests
# ----------------------------------------------------------------------------

# The site's public address: the start of every absolute link (canonical links, link
# previews, the sitemap, handout QR codes, staff emails), never the request's Host.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who is told about new consultation requests and referrals.
INTAKE_NOTIFICATION_EMAILS = env_list("DJANGO_INTAKE_EMAILS", ["intake@localhost"])
CONTACT_RATE_LIMIT_PER_HOUR = int(os.environ.get("DJANGO_CONTACT_RATE_LIMIT", "5"))
# Closed requests older than this are deleted by purge_contact_requests.
CONTACT_RETENTION_DAYS = int(os.environ.get("DJANGO_CONTACT_RETENTION_DAYS", "180"))

# Email: SMTP when DJANGO_EMAIL_HOST is set (production), else printed to the console.
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "website@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
