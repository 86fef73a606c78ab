"""The embedded default: what `python3 dev.py` runs on one machine."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef")
