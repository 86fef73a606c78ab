"""One msgid, one Japanese: Django merges every app's catalogue with the project's (LOCALE_PATHS first, then the
apps in INSTALLED_APPS order), so a msgid that two catalogues translate differently shows the first one's words
on every page, and the other catalogue's choice is silently lost."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def catalogues() -> list[Path]:
    paths = [Path(path) / "ja/LC_MESSAGES/django.po" for path in settings.LOCALE_PATHS]
    paths += [ROOT / app / "locale/ja/LC_MESSAGES/django.po" for app in settings.INSTALLED_APPS if "." not in app]
    return [path for path in paths if path.exists()]


def test_every_msgid_has_one_japanese_translation_across_the_catalogues():
    translations = defaultdict(dict)
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                translations[(entry.msgctxt, entry.msgid)][str(path.relative_to(ROOT))] = entry.msgstr
    differing = {key[1]: found for key, found in translations.items() if len(set(found.values())) > 1}
    assert differing == {}, "give one translation, or a context (pgettext) where the meaning differs"


def test_the_catalogues_read_are_the_projects_and_every_apps():
    names = {str(path.relative_to(ROOT)).split("/")[0] for path in catalogues()}
    assert {"locale", "members", "knowledge", "failures", "checker", "resolvertest", "campaigns"} <= names
