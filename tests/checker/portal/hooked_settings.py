"""Test settings for worker processes whose engine a test replaces (tests/checker/portal/worker_hooks.py)."""

from portal.settings.test import *  # noqa: F403

CELERY_IMPORTS = ["tests.checker.portal.worker_hooks"]
