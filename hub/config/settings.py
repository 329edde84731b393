"""Hub settings, read from the environment.

``SOCIALHUB_ENV`` chooses the profile: ``demo`` (the default: SQLite and an embedded broker in
``SOCIALHUB_DATA_DIR``, no secrets needed) or ``production`` (every secret and address must be
given; a missing or malformed one stops start-up). Secrets may come from ``<NAME>_FILE``.
"""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

from common.languages import LANGUAGES as UI_LANGUAGE_NAMES
from common.security import security_settings

django_stubs_ext.monkeypatch()  # lets admin and generic views be subscripted for mypy
env = environ.FileAwareEnv()

BASE_DIR = Path(__file__).resolve().parent.parent
SOCIALHUB_ENV = env.str("SOCIALHUB_ENV", default="demo")
if SOCIALHUB_ENV not in {"demo", "production", "test"}:
    raise ImproperlyConfigured(f"SOCIALHUB_ENV must be demo, production or test, not {SOCIALHUB_ENV!r}.")
PRODUCTION = SOCIALHUB_ENV == "production"
DATA_DIR = Path(env.str("SOCIALHUB_DATA_DIR", default=str(Path.cwd() / "var" / "hub"))).resolve()

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DATABASES = {"default": env.db("DATABASE_URL")}
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="demo-only-not-a-secret-hub")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver", "[::1]"])
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'hub.sqlite3'}")}
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
DEBUG = env.bool("DEBUG", default=False)
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DEBUG must not be set in production: it shows settings and stack traces.")
globals().update(security_settings(env, production=PRODUCTION))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web, worker and beat processes share one file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL (psycopg's server-side binding): quoting envelopes
    # and receipts into the SQL text in Python was most of the cost of a bulk insert.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    if env.bool("DATABASE_POOL", default=True):
        # One pool per process: a long-polling pull that wakes borrows a connection instead of
        # opening one (PostgreSQL starts a backend per connection, and a hundred members woken
        # by one message cost more in connecting than in pulling). Waiting pulls hold none.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": env.int("DATABASE_POOL_MAX", default=16),
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=30.0),
        }
DATABASES["default"]["ATOMIC_REQUESTS"] = False

HUB_SIGNING_KEY_PATH = Path(env.str("HUB_SIGNING_KEY_PATH", default=str(DATA_DIR / "hub-signing.key")))
HUB_MAX_BODY_BYTES = env.int("HUB_MAX_BODY_BYTES", default=4 * 1024 * 1024)
HUB_MAX_BATCH = env.int("HUB_MAX_BATCH", default=500)
HUB_MAX_PULL = env.int("HUB_MAX_PULL", default=1000)
# A pulled page holds at most this many bytes of envelopes and receipts past its first entry.
HUB_MAX_PULL_BYTES = env.int("HUB_MAX_PULL_BYTES", default=4 * 1024 * 1024)
HUB_REQUEST_MAX_SKEW_SECONDS = env.int("HUB_REQUEST_MAX_SKEW_SECONDS", default=300)
# Long-polling: a pull waits at most HUB_MAX_WAIT s for new messages; the log is watched every
# HUB_WATCH_INTERVAL s.
HUB_MAX_WAIT = env.float("HUB_MAX_WAIT", default=25.0)
HUB_WATCH_INTERVAL = env.float("HUB_WATCH_INTERVAL", default=0.05)
# Each waiting pull holds a web thread: at most this many wait at once in a process, the rest
# answer at once, so that health, pushes and pages always find a thread. WEB_THREADS is the
# gunicorn --threads of deploy/Procfile.hub.
WEB_THREADS = env.int("WEB_THREADS", default=64)
HUB_LONG_POLL_SLOTS = env.int("HUB_LONG_POLL_SLOTS", default=max(1, WEB_THREADS - 8))
HUB_ENROLMENT_TOKEN_TTL_HOURS = env.int("HUB_ENROLMENT_TOKEN_TTL_HOURS", default=72)
# After a signing key's rotation the replaced key is still accepted for as long as the member
# asks (its outbox may hold messages signed before the switch), but never longer than this.
HUB_KEY_ROTATION_MAX_OVERLAP_HOURS = env.int("HUB_KEY_ROTATION_MAX_OVERLAP_HOURS", default=7 * 24)
for _name in (
    "HUB_MAX_BODY_BYTES",
    "HUB_MAX_BATCH",
    "HUB_MAX_PULL",
    "HUB_MAX_PULL_BYTES",
    "HUB_REQUEST_MAX_SKEW_SECONDS",
    "HUB_LONG_POLL_SLOTS",
    "HUB_KEY_ROTATION_MAX_OVERLAP_HOURS",
):
    if globals()[_name] <= 0:
        raise ImproperlyConfigured(f"{_name} must be a positive integer.")

# Django reads the whole body before the view sees it; keep its own limit in step with ours.
DATA_UPLOAD_MAX_MEMORY_SIZE = HUB_MAX_BODY_BYTES

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "hub.federation",
    "hub.exchange",
    "common.catalogue",
    "hub.catalogue",
    "hub.statistics",
    "hub.cases",
]
# Plug-ins: Django apps that register message families of their own (their types, a projection
# at the hub, appliers at a node) from their AppConfig.ready, e.g. SOCIALHUB_PLUGINS=acme.visits.
# The same app is installed at the hub and at the nodes that speak its family.
INSTALLED_APPS += env.list("SOCIALHUB_PLUGINS", default=[])

MIDDLEWARE = [
    "hub.core.middleware.BodySizeLimitMiddleware",
    "common.http.JsonBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The dashboard, the admin and the portal speak the browser's language (the APIs speak codes).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hub.config.urls"
WSGI_APPLICATION = "hub.config.wsgi.application"
CSRF_FAILURE_VIEW = "common.errors.csrf_failure"
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
            ]
        },
    }
]

LANGUAGE_CODE = "en"
# The six the pages speak (the ministry's pages offer them in a switch).
LANGUAGES = UI_LANGUAGE_NAMES
# The project's own strings outside its apps' locale dirs (templates/, and the apps without one).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates as each locale writes them, where Django's own formats fall back to the American ones.
FORMAT_MODULE_PATH = ["common.formats"]
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # The charting library, from node_modules as npm installed it (common/vendor.py).
    "common.vendor.VendorFinder",
]
STATIC_ROOT = DATA_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The app serves its own assets (no CDN); production runs collectstatic, the demo reads them in place.
WHITENOISE_USE_FINDERS = not PRODUCTION

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.errors.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["common.parsers.BoundedJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.errors.JsonOnlyNegotiation",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Social protection exchange hub",
    "DESCRIPTION": "Enrolment, federation directory and the signed message log.",
    "VERSION": "0.1.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="socialhub-hub")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# After a broker restart: give back (rather than hold) the tasks received on the lost
# connection, and notice a dead connection in seconds, not minutes. The database holds every
# message; the broker only wakes workers, so a task given back is simply run again.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_HEARTBEAT = env.int("CELERY_BROKER_HEARTBEAT", default=10)
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded broker of the demo, made atomic (see common/broker.py); its folders are made
    # on first use, not here.
    from common.broker import folders

    CELERY_BROKER_TRANSPORT = "common.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = folders(DATA_DIR / "broker")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# How often the hub signs a new tree head of its log (when the log grew).
HUB_TREE_HEAD_SECONDS = env.float("HUB_TREE_HEAD_SECONDS", default=5.0)
# How often the hub's projections (the federated catalogue, …) read its log, besides being woken
# by every accepted push. HUB_CATALOGUE_SECONDS is the name it had when only the catalogue read it.
HUB_PROJECTION_SECONDS = env.float(
    "HUB_PROJECTION_SECONDS", default=env.float("HUB_CATALOGUE_SECONDS", default=2.0)
)
if HUB_TREE_HEAD_SECONDS <= 0:
    raise ImproperlyConfigured("HUB_TREE_HEAD_SECONDS must be positive.")

CELERY_BEAT_SCHEDULE = {
    "project-log": {
        "task": "hub.exchange.tasks.project_log",
        "schedule": HUB_PROJECTION_SECONDS,
        "options": {"expires": HUB_PROJECTION_SECONDS * 5},
    },
    "publish-tree-head": {
        "task": "hub.exchange.tasks.publish_tree_head",
        "schedule": HUB_TREE_HEAD_SECONDS,
        "options": {"expires": HUB_TREE_HEAD_SECONDS},
    },
    "purge-request-nonces": {
        "task": "hub.federation.tasks.purge_request_nonces",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}


# Where the catalogue pages find municipality names for node codes.
SOCIALHUB_MEMBER_NAMES = "hub.federation.selectors.member_names"
