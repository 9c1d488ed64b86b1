"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
# The address of the site, for links in emails (sent by the worker, outside any request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Data that must survive a deployment (SQLite file, uploads) lives outside the code tree.
VAR_DIR = Path(os.environ.get("FABRIQUE_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "fabrique.core.admin_site.FabriqueAdminConfig",  # django.contrib.admin, names in French
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "django_htmx",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_filters",
    "fabrique.core.library_apps.LoginAttemptsConfig",  # django-axes, named in French
    "fabrique.core",
    "fabrique.home",
    "fabrique.accounts",
    "fabrique.territories",
    "fabrique.portfolio",
    "fabrique.catalogue",
    "fabrique.impact",
    "fabrique.synergies",
    "fabrique.diagnostics",
    "fabrique.investigations",
    "fabrique.support",
    "fabrique.recruitment",
    "fabrique.api",
    "django_tasks",
    "fabrique.core.library_apps.TasksDatabaseConfig",  # django_tasks_db, named in French
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fabrique.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fabrique.core.middleware.IdleSessionMiddleware",
    "fabrique.core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Inside the CSP middleware: the page it renders uses the request's nonce.
    "fabrique.core.middleware.MethodNotAllowedPageMiddleware",
]

# Uploads: a request announcing more than MAX_REQUEST_BYTES is refused before its body is read
# (French 413, fabrique.core.middleware.RequestSizeLimitMiddleware); the largest accepted file
# is 20 Mo (support deliverables). Bodies other than files are limited by Django to
# DATA_UPLOAD_MAX_MEMORY_SIZE; files larger than FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary
# file instead of memory.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_MEGABYTES", "25")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, made explicit
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fabrique" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fabrique.home.context_processors.site",
            ],
        },
    },
]
# django-dsfr's form templates, `<select>` lists written in Python (fabrique/core/renderers.py).
FORM_RENDERER = "fabrique.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'fabrique.sqlite3'}",
        # Ten minutes: a new PostgreSQL connection starts with cold caches and its first big
        # queries cost tens of ms (make load, 05/12/2026: p95 306 ms with 60 s, 260 ms with
        # 600 s). A connection kept open is checked before reuse: the web processes recover by
        # themselves after a database restart.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; the busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A fresh clone has no var/ yet: `manage.py migrate` run first (before `make setup`) would
    # stop on « unable to open database file ».
    _name = str(DATABASES["default"]["NAME"])
    if _name and _name != ":memory:" and not _name.startswith("file:"):
        Path(_name).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (django-tasks): run at once in the request by default; in production
# TASKS_BACKEND=django_tasks_db.DatabaseBackend queues them in the database for
# `manage.py db_worker` (the Procfile's `worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

CSRF_FAILURE_VIEW = "fabrique.home.views.csrf_failure"
# The security log (accounts.SecurityEvent) keeps this many days (`purge_security_events`).
SECURITY_LOG_DAYS = int(os.environ.get("SECURITY_LOG_DAYS", "365"))
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account or address before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login abuse: after AXES_FAILURE_LIMIT wrong passwords for one account, or from one address,
# logins are refused for AXES_COOLOFF_TIME (French page with the time to wait); every attempt
# is recorded (admin: « Tentatives d'accès », where deleting one unlocks).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The French page with the time really left (the template alone would only know the period).
AXES_LOCKOUT_CALLABLE = "fabrique.accounts.views.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The client's address, for the lockout as for the form limits and the API throttling: one rule
# (fabrique.core.ratelimit.client_address), which reads X-Forwarded-For only behind as many
# trusted proxies as FABRIQUE_PROXY_COUNT says (1 behind a PaaS router; 0 with `make run`).
TRUSTED_PROXY_COUNT = int(os.environ.get("FABRIQUE_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "fabrique.core.ratelimit.client_address"

# Sessions end when the browser closes, after SESSION_IDLE_MINUTES without a request
# (fabrique.core.middleware.IdleSessionMiddleware) and at the latest 12 hours after login.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
SESSION_COOKIE_AGE = 12 * 3600
# A password reset link works once, for one hour.
PASSWORD_RESET_TIMEOUT = 3600
# E-mail: printed in the console by default; SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Fabrique <ne-pas-repondre@fabrique.localhost>"
)
# The address people write to (accessibility, personal data, refused access): on every public page.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@fabrique.localhost")
# What the law asks of the legal notice (LCEN, article 6): who publishes the site (the
# administration, its address), the director of publication and the host (name, address,
# telephone); the operator's own facts, not the code's.
LEGAL_PUBLISHER = os.environ.get("LEGAL_PUBLISHER", "")
LEGAL_PUBLICATION_DIRECTOR = os.environ.get("LEGAL_PUBLICATION_DIRECTOR", "")
LEGAL_HOST = os.environ.get("LEGAL_HOST", "")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# French for the few libraries that ship English only (the background tasks' admin).
LOCALE_PATHS = [BASE_DIR / "fabrique" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The DSFR favicon also at the site's root (/favicon.ico, /favicon.svg…), which browsers ask for
# on pages that link none (a downloaded file, a JSON answer).
WHITENOISE_ROOT = Path(find_spec("dsfr").origin).parent / "static" / "dsfr" / "dist" / "favicon"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# The admin lives at a path that is not the default one.
ADMIN_URL = os.environ.get("ADMIN_URL", "gestion-fabrique/").strip("/") + "/"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "fabrique.api.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "fabrique.api.errors.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "fabrique.api.errors.exception_handler",
    # Throttling (fabrique.api.throttling): per address for anonymous use, per account, and per
    # project token for measurement pushes (≥ 200 pushes/s must stay possible).
    "DEFAULT_THROTTLE_CLASSES": [
        "fabrique.api.throttling.AnonymousThrottle",
        "fabrique.api.throttling.AccountThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANON", "120/min"),
        "user": os.environ.get("API_RATE_USER", "600/min"),
        "push": os.environ.get("API_RATE_PUSH", "1000/s"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Fabrique",
    "DESCRIPTION": "Données ouvertes de l'incubateur : territoires, projets, indicateurs "
    "d'impact et mesures, catalogue de solutions, financements et opérateurs publics ; "
    "accompagnement sur-mesure, programme d'investigation, offre d'accompagnement et "
    "recrutement (offres publiques, le reste selon les droits du jeton ou de la session).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "fabrique.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProjectKindEnum": "fabrique.portfolio.vocabulary.ProjectKind",
        "PhaseNameEnum": "fabrique.portfolio.vocabulary.PhaseName",
        "OutcomeEnum": "fabrique.portfolio.vocabulary.Outcome",
        "CommitteeKindEnum": "fabrique.portfolio.vocabulary.CommitteeKind",
        "JobOfferStatusEnum": "fabrique.recruitment.vocabulary.OfferStatus",
        "ApplicationStageEnum": "fabrique.recruitment.vocabulary.Stage",
    },
}

# Content Security Policy: nothing inline without the per-request nonce (DSFR scripts get it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task state is too chatty for the console.
    "loggers": {
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
