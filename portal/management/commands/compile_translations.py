"""Compile locale/*/LC_MESSAGES/*.po (and apps' own locale/) into .mo files with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a machine with
only Python lacks; polib does the same in pure Python.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the gettext catalogues (no GNU gettext needed)."

    def handle(self, *args, **options):
        count = 0
        base = Path(settings.BASE_DIR)
        # The project's catalogue (locale/) and any app's own (<app>/locale/).
        locale_dirs = [Path(p) for p in settings.LOCALE_PATHS] + sorted(base.glob("*/locale"))
        for locale_path in locale_dirs:
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"{count} catalogue(s) compiled")
