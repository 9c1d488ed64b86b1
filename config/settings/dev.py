"""Local development: the embedded default of `make run` (SQLite, DEBUG)."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-change-me-in-production"
# Static files come straight from the apps (no collectstatic needed to run locally).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG  # off with DEBUG=0 (make bench): files are listed once
