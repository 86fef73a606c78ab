#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        _ = settings.INSTALLED_APPS  # loads the settings, which read the environment
    except ImproperlyConfigured as error:
        # A setting from the environment is wrong: one line that says which, not a traceback.
        sys.exit(f"manage.py: {error}")
    execute_from_command_line(sys.argv)
