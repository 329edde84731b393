"""Node settings, read from the environment.

``SOCIALHUB_ENV`` chooses the profile: ``demo`` (the default: SQLite and an embedded broker in
``SOCIALHUB_DATA_DIR``, no secrets needed) or ``production`` (every secret and address must be
given; a missing or malformed one stops start-up). Secrets may come from ``<NAME>_FILE``.
The hub's address and this node's code are not settings: they are recorded at enrolment.
"""

from __future__ import annotations

import os
from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

from common.security import security_settings

django_stubs_ext.monkeypatch()  # lets admin and generic views be subscripted for mypy
env = environ.FileAwareEnv()

BASE_DIR = Path(__file__).resolve().parent.parent
SOCIALHUB_ENV = env.str("SOCIALHUB_ENV", default="demo")
if SOCIALHUB_ENV not in {"demo", "production", "test"}:
    raise ImproperlyConfigured(f"SOCIALHUB_ENV must be demo, production or test, not {SOCIALHUB_ENV!r}.")
PRODUCTION = SOCIALHUB_ENV == "production"
DATA_DIR = Path(env.str("SOCIALHUB_DATA_DIR", default=str(Path.cwd() / "var" / "node"))).resolve()

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DATABASES = {"default": env.db("DATABASE_URL")}
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="demo-only-not-a-secret-node")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver", "[::1]"])
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'node.sqlite3'}")}
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
    # Each web thread keeps its connection between requests: opening one cost more than a search.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

NODE_SIGNING_KEY_PATH = Path(env.str("NODE_SIGNING_KEY_PATH", default=str(DATA_DIR / "node-signing.key")))
# The node's X25519 keys, what case transfers are sealed to: one 0600 file per key.
NODE_ENCRYPTION_KEY_DIR = Path(env.str("NODE_ENCRYPTION_KEY_DIR", default=str(DATA_DIR / "encryption-keys")))
# A retired encryption key is kept this long after its rotation, for transfers sealed to it by
# senders that had not yet learnt its successor, or that wait in the hub's log for this node:
# longer than a transfer request may wait before it is declined as expired.
NODE_ENCRYPTION_KEY_RETENTION_DAYS = env.int("NODE_ENCRYPTION_KEY_RETENTION_DAYS", default=180)
# After a signing key's rotation the hub still accepts the old key this long, for what the
# outbox signed with it before the switch (the hub allows at most a week).
NODE_KEY_ROTATION_OVERLAP_HOURS = env.int("NODE_KEY_ROTATION_OVERLAP_HOURS", default=24)
NODE_PUSH_INTERVAL = env.float("NODE_PUSH_INTERVAL", default=2.0)
NODE_PULL_INTERVAL = env.float("NODE_PULL_INTERVAL", default=1.0)
# Long-polling: a pull waits up to this many seconds at the hub for something new (0: off).
NODE_PULL_WAIT = env.float("NODE_PULL_WAIT", default=20.0)
# Backoff of a failed push: up to BASE * 2^attempts seconds (full jitter), never above MAX.
NODE_PUSH_BACKOFF_BASE = env.float("NODE_PUSH_BACKOFF_BASE", default=1.0)
NODE_PUSH_BACKOFF_MAX = env.float("NODE_PUSH_BACKOFF_MAX", default=300.0)
NODE_DIRECTORY_INTERVAL = env.float("NODE_DIRECTORY_INTERVAL", default=60.0)
NODE_PUSH_BATCH = env.int("NODE_PUSH_BATCH", default=200)
# A push holds at most this many bytes of envelopes past its first: keep it below the hub's
# HUB_MAX_BODY_BYTES (4 MiB by default), so that a batch with sealed cases in it still passes.
NODE_PUSH_MAX_BYTES = env.int("NODE_PUSH_MAX_BYTES", default=3 * 1024 * 1024)
NODE_PULL_BATCH = env.int("NODE_PULL_BATCH", default=1000)
NODE_HUB_TIMEOUT = env.float("NODE_HUB_TIMEOUT", default=15.0)
# Threads that check the signatures of a pulled page side by side (Ed25519 runs without
# Python's global lock, so they use the machine's other cores).
NODE_VERIFY_THREADS = env.int("NODE_VERIFY_THREADS", default=min(4, os.cpu_count() or 1))
# How long the register keeps what it holds (node/register/models.py): a person's whole record
# for REGISTER_RETENTION_YEARS after their case is closed or transferred, the access log for
# REGISTER_ACCESS_LOG_RETENTION_YEARS after each event (long enough for a complaint about an
# access to be checked), an import run's report for REGISTER_IMPORT_RETENTION_DAYS.
# ``register_prune`` (daily, by the beat) removes what is past them.
REGISTER_RETENTION_YEARS = env.int("REGISTER_RETENTION_YEARS", default=10)
REGISTER_ACCESS_LOG_RETENTION_YEARS = env.int("REGISTER_ACCESS_LOG_RETENTION_YEARS", default=5)
REGISTER_IMPORT_RETENTION_DAYS = env.int("REGISTER_IMPORT_RETENTION_DAYS", default=365)
for _name in (
    "REGISTER_RETENTION_YEARS",
    "REGISTER_ACCESS_LOG_RETENTION_YEARS",
    "REGISTER_IMPORT_RETENTION_DAYS",
    "NODE_ENCRYPTION_KEY_RETENTION_DAYS",
    "NODE_KEY_ROTATION_OVERLAP_HOURS",
    "NODE_PUSH_INTERVAL",
    "NODE_PULL_INTERVAL",
    "NODE_DIRECTORY_INTERVAL",
    "NODE_PUSH_BATCH",
    "NODE_PUSH_MAX_BYTES",
    "NODE_PULL_BATCH",
    "NODE_HUB_TIMEOUT",
    "NODE_VERIFY_THREADS",
):
    if globals()[_name] <= 0:
        raise ImproperlyConfigured(f"{_name} must be positive.")

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
    "node.federation",
    "node.exchange",
    "node.catalogue",
    "node.register",
    "node.statistics",
    "node.cases",
    "common.catalogue",
]
# Plug-ins: Django apps that register message families of their own (their types, a projection
# at the hub, appliers at a node) from their AppConfig.ready, e.g. SOCIALHUB_PLUGINS=acme.visits.
# The same app is installed at the hub and at the nodes that speak its family.
INSTALLED_APPS += env.list("SOCIALHUB_PLUGINS", default=[])

MIDDLEWARE = [
    "common.http.JsonBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "node.config.urls"
WSGI_APPLICATION = "node.config.wsgi.application"
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
# The project's own strings outside its apps' locale dirs (templates/, and the apps without one).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Skopje"
USE_I18N = True
USE_TZ = True
# Dates as each locale writes them, where Django's own formats fall back to the American ones.
FORMAT_MODULE_PATH = ["common.formats"]
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The app serves its own assets (no CDN); production runs collectstatic, the demo reads them in place.
WHITENOISE_USE_FINDERS = not PRODUCTION

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.errors.exception_handler",
    # Basic first: its challenge (WWW-Authenticate) is what a 401 must carry; staff in a browser
    # are still recognised by their session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "common.http.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # The APIs speak JSON only, in and out (README: every error is a coded JSON body).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["common.parsers.BoundedJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.errors.JsonOnlyNegotiation",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Municipal node",
    "DESCRIPTION": "The municipality's own service entries, the federated catalogue and sync status.",
    "VERSION": "0.1.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ServiceStatusEnum": ["active", "inactive", "defunct"],
        "EntryStatusEnum": ["active", "defunct"],
    },
}

CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="socialhub-node")
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
    CELERY_BROKER_TRANSPORT_OPTIONS = folders(DATA_DIR / "broker", polling_interval=0.1)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Each entry expires after its own interval: a worker that was away does not find a pile of
# stale sync requests when it comes back, only the next one.
# How often the node checks the hub's log (tree-head consistency, inclusion of what it sent).
NODE_LOG_CHECK_INTERVAL = env.float("NODE_LOG_CHECK_INTERVAL", default=10.0)
# Statistics: how often the node fetches the policy and drafts the periods due, how many ended
# months back a round looks (past data that changed makes a revision), and, for the demo only, a
# supervisor's login that approves the drafts on its own (empty: a supervisor approves by hand).
NODE_STATISTICS_INTERVAL = env.float("NODE_STATISTICS_INTERVAL", default=3600.0)
NODE_STATISTICS_MONTHS_BACK = env.int("NODE_STATISTICS_MONTHS_BACK", default=3)
NODE_STATISTICS_APPROVE_AS = env.str("NODE_STATISTICS_APPROVE_AS", default="")

# The register's rules: "no contact" flags an active person with no recorded contact for this
# many days; the rules run this often (seconds).
REGISTER_NO_CONTACT_DAYS = env.int("REGISTER_NO_CONTACT_DAYS", default=90)
if REGISTER_NO_CONTACT_DAYS < 1:
    raise ImproperlyConfigured(f"REGISTER_NO_CONTACT_DAYS must be 1 or more, not {REGISTER_NO_CONTACT_DAYS}.")
REGISTER_RULES_INTERVAL = env.float("REGISTER_RULES_INTERVAL", default=3600.0)

CELERY_BEAT_SCHEDULE = {
    "push-outbox": {
        "task": "node.exchange.tasks.push_outbox",
        "schedule": NODE_PUSH_INTERVAL,
        "options": {"expires": NODE_PUSH_INTERVAL},
    },
    "pull-inbox": {
        "task": "node.exchange.tasks.pull_inbox",
        "schedule": NODE_PULL_INTERVAL,
        "options": {"expires": NODE_PULL_INTERVAL},
    },
    "check-log": {
        "task": "node.exchange.tasks.check_log",
        "schedule": NODE_LOG_CHECK_INTERVAL,
        "options": {"expires": NODE_LOG_CHECK_INTERVAL},
    },
    "report-sync": {
        "task": "node.exchange.tasks.report_sync",
        "schedule": NODE_LOG_CHECK_INTERVAL,
        "options": {"expires": NODE_LOG_CHECK_INTERVAL},
    },
    "refresh-directory": {
        "task": "node.federation.tasks.refresh_directory",
        "schedule": NODE_DIRECTORY_INTERVAL,
        "options": {"expires": NODE_DIRECTORY_INTERVAL},
    },
    "prune-keys": {
        "task": "node.federation.tasks.prune_keys",
        "schedule": 3600.0,
        "options": {"expires": 3600.0},
    },
    "prune-register": {
        "task": "node.register.tasks.prune_register",
        "schedule": 86400.0,
        "options": {"expires": 3600.0},
    },
    "statistics-round": {
        "task": "node.statistics.tasks.statistics_round",
        "schedule": NODE_STATISTICS_INTERVAL,
        "options": {"expires": NODE_STATISTICS_INTERVAL},
    },
    "expire-consents": {
        "task": "node.cases.tasks.expire_consents",
        "schedule": 3600.0,
        "options": {"expires": 3600.0},
    },
    "register-rules": {
        "task": "node.register.tasks.run_rules",
        "schedule": REGISTER_RULES_INTERVAL,
        "options": {"expires": REGISTER_RULES_INTERVAL},
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
SOCIALHUB_MEMBER_NAMES = "node.federation.selectors.member_names"
LOGIN_URL = "/admin/login/"
