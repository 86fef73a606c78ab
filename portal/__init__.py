"""The Django project: settings, URLs, Celery app, base templates, home and
about pages, site-wide search, health, and the registries other rooms use."""

from .celery import app as celery_app

__all__ = ["celery_app"]
