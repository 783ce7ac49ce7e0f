"""Settings for venue-check, read from the environment.

Unset DATABASE_URL means a local SQLite file (the embedded default used by
`make run`); production sets it to PostgreSQL. DEBUG=false switches on the
production hardening; HTTPS=false turns off only the HTTPS part of it, for
serving plain HTTP on loopback.
"""

import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
HTTPS = env.bool("HTTPS", default=not DEBUG)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
else:
    # Fail loudly: a production process must never run on a guessable key.
    SECRET_KEY = env("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters")

# API keys are stored as HMAC-SHA256 digests under this secret, so a copy of
# the database alone cannot be used to recover or verify guessed keys.
API_KEY_HMAC_SECRET = env("API_KEY_HMAC_SECRET", default=SECRET_KEY)

# The audit chain's MACs, free-text digests and checkpoints are keyed with this
# secret (bookings/audit.py). It must live only in the server's environment,
# never in the database: whoever can write the database but lacks it cannot
# rewrite the chain without `verify_audit` noticing.
if DEBUG:
    AUDIT_SECRET = env("AUDIT_SECRET", default="insecure-development-audit-secret-do-not-use-in-production")
else:
    AUDIT_SECRET = env("AUDIT_SECRET", default="")
    if len(AUDIT_SECRET) < 32:
        raise ImproperlyConfigured("AUDIT_SECRET must be set to at least 32 random characters")
# Where `audit_checkpoint` also appends its signed checkpoints, and whose latest
# line `verify_audit` checks against by default: a file on the server (or a
# mount the database's administrators cannot write), never the database.
AUDIT_CHECKPOINT_FILE = env("AUDIT_CHECKPOINT_FILE", default="")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_fsm",
    "bookings",
    "screening",
    "watch_sources",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "venue_check.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "venue_check.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "venue_check.urls"
WSGI_APPLICATION = "venue_check.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "venue_check" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        # Seconds a writer waits for the lock before "database is locked".
        "timeout": env.float("DATABASE_BUSY_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Filled by `make static` (collectstatic), the production step before serving: with
# DEBUG=false, WhiteNoise serves only what is collected here.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.StrictJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttles.ApiKeyRateThrottle",
        "api.throttles.PersonRateThrottle",
        "api.throttles.AddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_key": env("THROTTLE_RATE_API_KEY", default="1200/min"),
        "user": env("THROTTLE_RATE_USER", default="600/min"),
        "anon": env("THROTTLE_RATE_ANON", default="60/min"),
    },
}

# Failed attempts at one API key (by its prefix) from one client address before
# that pair is locked out for the window; other addresses and keys are not.
API_KEY_MAX_FAILURES = env.int("API_KEY_MAX_FAILURES", default=20)
API_KEY_FAILURE_WINDOW_SECONDS = env.int("API_KEY_FAILURE_WINDOW_SECONDS", default=300)

SPECTACULAR_SETTINGS = {
    "TITLE": "venue-check API",
    "DESCRIPTION": (
        "Screens venue bookings against curated concern sources. Results are advisory: "
        "the service only ever says 'no match found' or 'a person must look'."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Serve Swagger UI from our own static files: no assets from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
        "api.schema.forbid_unknown_request_fields",
    ],
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # One schema name per domain enum, however many fields use it.
    "ENUM_NAME_OVERRIDES": {
        "AdviceEnum": "bookings.enums.Advice",
        "VenueDecisionOutcomeEnum": "bookings.enums.VenueDecisionOutcome",
        "ReviewRequestOutcomeEnum": "bookings.enums.ReviewRequestOutcome",
    },
}

# Rate limits and lockouts count in the cache, so every process must share it:
# production (DEBUG=false) refuses to start without Redis, whose INCR is atomic.
# Development (one process) may use the in-memory cache.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="venue-check"),
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        "REDIS_URL must be set with DEBUG=false: rate limits and lockouts must count across processes"
    )

# Client addresses (throttles, lockouts) behind reverse proxies: how many proxies
# append to X-Forwarded-For, and optionally which peers they are (bookings/client_address.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
try:
    [ipaddress.ip_network(entry, strict=False) for entry in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error

TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
        # The queues a task may name; every task here uses "default".
        "QUEUES": env.list("TASK_QUEUES", default=["default"]),
    }
}
# With the database backend, a task a worker claimed and never finished (the worker was
# killed) is put back in the queue this long after the claim's last heartbeat (run_worker
# renews it every quarter of this while the task runs), by the reconciliation in
# run_periodic_jobs. After TASK_MAX_CLAIMS such claims the task is failed instead
# (docs/operations.md).
TASK_LEASE_SECONDS = env.int("TASK_LEASE_SECONDS", default=1800)
TASK_MAX_CLAIMS = env.int("TASK_MAX_CLAIMS", default=3)
# A task still running this long after its claim is interrupted and recorded FAILED (the
# periodic jobs then do what it left undone); one that does not end when interrupted has
# its claim failed and its worker exits, for the supervisor to restart (docs/operations.md).
# Above the longest task: a re-screen of every upcoming booking at the largest list.
TASK_TIME_LIMIT_SECONDS = env.int("TASK_TIME_LIMIT_SECONDS", default=4 * 3600)

# --- A distributed queue, for deployments that outgrow one machine ---------------------
# TASK_BACKEND=django_tasks_fennel.CeleryBackend sends the same tasks to Celery workers
# (`celery -A django_tasks_fennel.app worker`) through CELERY_BROKER_URL (RabbitMQ, or
# Redis). A task is acknowledged only after it ran (acks_late), and one whose worker
# process died is handed back to the broker (reject_on_worker_lost), so a killed
# worker's task is delivered again; reconciliation still covers what a broker loses.
# docs/operations.md says how to move over. Selecting fennel's backend selects our
# subclass of it, which sends a task when the transaction that queued it commits, as the
# database queue's row appears then (venue_check/task_backends.py).
if TASKS["default"]["BACKEND"] == "django_tasks_fennel.CeleryBackend":
    TASKS["default"]["BACKEND"] = "venue_check.task_backends.OnCommitCeleryBackend"
if TASKS["default"]["BACKEND"].endswith("CeleryBackend"):
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_fennel"]
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/1")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One task at a time per worker process: a task fetched ahead waits for nothing.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The database worker's time limit, on Celery's prefork workers: at TASK_TIME_LIMIT_SECONDS
# the task is interrupted (SoftTimeLimitExceeded, recorded FAILED); one still running a
# heartbeat interval later, as `run_worker` allows (it swallowed that: SoftTimeLimitExceeded
# is an Exception, which a re-screen's loop catches per booking), has its pool process
# killed (TimeLimitExceeded, recorded FAILED and acknowledged, so not delivered again).
# What a timed-out task left undone is the periodic jobs', as with the database queue.
CELERY_TASK_SOFT_TIME_LIMIT = TASK_TIME_LIMIT_SECONDS
CELERY_TASK_TIME_LIMIT = TASK_TIME_LIMIT_SECONDS + max(1, TASK_LEASE_SECONDS // 4)
# With Redis as the broker, an unacknowledged task is delivered again after this long
# (RabbitMQ does it as soon as the worker's connection drops): longer than any task runs,
# which the hard time limit above bounds (a shorter timeout would hand a long re-screen
# to a second worker while the first still runs it).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60)
}

# --- Screening -------------------------------------------------------------
# A match at or above this score goes to the Prevent Officer. The reasoning
# for the value is in docs/matching.md.
# A booking's safety-net screening task runs this long after intake (if the
# request has not screened it by then, its process died).
SCREENING_SAFETY_NET_DELAY_SECONDS = env.int("SCREENING_SAFETY_NET_DELAY_SECONDS", default=60)
SCREENING_REVIEW_THRESHOLD = env.float("SCREENING_REVIEW_THRESHOLD", default=0.80)
# How a process replaces its match index when a source version changes:
# "background" (a thread builds it while requests keep the previous one) or
# "inline" (the screening that notices builds it and waits). See screening/index.py.
SCREENING_INDEX_REBUILD = env("SCREENING_INDEX_REBUILD", default="background")
if SCREENING_INDEX_REBUILD not in ("background", "inline"):
    raise ImproperlyConfigured("SCREENING_INDEX_REBUILD must be background or inline")
# A booking answered with a previous index is screened again this long after the
# process swapped in the new one: longer than any request lasts (gunicorn's timeout),
# so a screening still in flight at the swap has stored its run by then.
SCREENING_PREVIOUS_INDEX_RESCREEN_DELAY_SECONDS = env.int(
    "SCREENING_PREVIOUS_INDEX_RESCREEN_DELAY_SECONDS", default=60
)

# --- Data protection -------------------------------------------------------------
# Names and free text of a booking are purged this many days after its event
# ends (purge_personal_data); aggregates and the audit chain stay.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=180)

# --- Sources ---------------------------------------------------------------
SOURCE_TIMEOUT = env.float("SOURCE_TIMEOUT", default=30.0)
# The whole of one fetch attempt (connect, headers, body), whatever the server trickles;
# raise it for a large list on a slow link.
SOURCE_DEADLINE = env.float("SOURCE_DEADLINE", default=SOURCE_TIMEOUT)
SOURCE_MAX_BYTES = env.int("SOURCE_MAX_BYTES", default=200 * 1024 * 1024)
# `run_periodic_jobs` refreshes a source this long after its last attempt, and
# retries sooner after a failed one.
SOURCE_REFRESH_HOURS = env.float("SOURCE_REFRESH_HOURS", default=6.0)
SOURCE_RETRY_MINUTES = env.float("SOURCE_RETRY_MINUTES", default=30.0)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The SMTP server (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
# Seconds a send waits on the server. Django's default is none at all: a server that
# accepts and never answers would hang the worker's task, and every task behind it, for
# ever, and the periodic jobs with it (tests/reliability/test_dead_mail_server.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="venue-check@localhost")
# Where people reach the pages: every e-mail links to its booking with this address in front.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Who hears when something needs an administrator (webhook deliveries giving up): comma-separated
# addresses. Empty, the alerts are still in the admin (Webhook alerts), just not e-mailed.
ADMINS = [(address, address) for address in env.list("ADMINS", default=[])]
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[venue-check] "

# --- Security ----------------------------------------------------------------
# Everything the pages need is served by this app: no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Swagger UI sets inline styles on its elements.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Messages wait for the next page in the session (the database), not in a cookie, which
# Django signs but does not encrypt: what they say (a booking's reference, a withdrawal)
# never travels in a header or sits in the browser. Secrets are never messages at all
# (bookings/admin.py shows them on the page answering the POST that made them).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Django's default would e-mail ADMINS every server error's traceback, which carries the
    # request and so personal data: errors go to the log only; ADMINS hears the alerts that
    # carry none (bookings/notifications/alerts.py).
    "loggers": {"django": {"handlers": [], "level": "INFO"}},
}

# --- Pages for people ---------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "venue_check" / "static"]
# Sign-in lockout: this many failures for one username from one address locks
# that pair out for the period (counted in the cache; see bookings/venues/login_throttle.py).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# Community centre computers are shared: a session ends when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Review ------------------------------------------------------------------
# Working days are Monday to Friday less the bank holidays of this UK nation:
# ENG (England and Wales, the default), SCT, NIR, or empty for none.
BANK_HOLIDAYS = env("BANK_HOLIDAYS", default="ENG")
if BANK_HOLIDAYS not in ("ENG", "WLS", "SCT", "NIR", ""):
    raise ImproperlyConfigured("BANK_HOLIDAYS must be ENG, WLS, SCT, NIR or empty")
# Service-level target for advice, in working days from flagging.
REVIEW_SLA_WORKING_DAYS = env.int("REVIEW_SLA_WORKING_DAYS", default=5)
# Target for a booking the venue asked to expedite.
REVIEW_EXPEDITED_WORKING_DAYS = env.int("REVIEW_EXPEDITED_WORKING_DAYS", default=2)
# A booking submitted less than this many working days before its event is marked late.
LATE_BOOKING_WORKING_DAYS = env.int("LATE_BOOKING_WORKING_DAYS", default=10)
# A cleared false positive stops alerting for this long, unless revoked or either side changes.
SUPPRESSION_EXPIRY_DAYS = env.int("SUPPRESSION_EXPIRY_DAYS", default=365)
# Webhook deliveries: attempts before giving up, and the first retry delay (doubling each time).
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=60)
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)
# A venue's outage is one alert: a delivery giving up this soon after the last one arrived
# reopens the closed alert instead of e-mailing the administrators again.
WEBHOOK_ALERT_REOPEN_SECONDS = env.int("WEBHOOK_ALERT_REOPEN_SECONDS", default=3600)
# Off in production: a webhook URL must be https and resolve only to public addresses, so a
# venue cannot point our worker at loopback, the LAN or cloud metadata (server-side request
# forgery). On, for a development receiver on loopback, it also allows plain http.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=False)
