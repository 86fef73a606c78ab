"""One date format and one date-time format per language (docs/terminology.md, "Dates"; portal/formats).

Japanese: 2026年12月4日 and 2026年12月4日 12:58 JST. English: 4 December 2026 and 4 December 2026 12:58 JST.
Templates name a format (DATE_FORMAT, DATETIME_FORMAT, YEAR_MONTH_FORMAT, TIME_FORMAT) and never spell one out;
the only spelled-out formats allowed are the machine-readable ISO ones inside a `datetime="…"` attribute.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format

from checker.presenters import local_time

ROOT = Path(__file__).resolve().parents[2]
MOMENT = datetime.datetime(2026, 12, 4, 3, 58, 7, tzinfo=datetime.UTC)  # 12:58:07 in Tokyo
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "TIME_FORMAT"}
MACHINE = {"Y-m-d", "c"}
# |date:"…", |time:"…" and the checker's |local_time:"…", with either quote.
FORMAT_ARGUMENT = re.compile(r"""\|(?:date|time|local_time):(["'])(?P<format>[^"']*)\1""")


@pytest.mark.parametrize(
    "language, date, date_time, month, time_of_day",
    [
        ("ja", "2026年12月4日", "2026年12月4日 12:58 JST", "2026年12月", "12:58:07 JST"),
        ("en", "4 December 2026", "4 December 2026 12:58 JST", "December 2026", "12:58:07 JST"),
    ],
)
def test_each_language_has_one_date_and_one_date_time_format(language, date, date_time, month, time_of_day):
    with translation.override(language):
        assert date_format(MOMENT.date()) == date
        assert date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == date
        assert local_time(MOMENT) == date_time
        assert date_format(MOMENT.date(), "YEAR_MONTH_FORMAT") == month
        assert local_time(MOMENT, "TIME_FORMAT") == time_of_day


def templates():
    for path in ROOT.glob("*/**/templates/**/*"):
        if path.is_file() and path.suffix in (".html", ".txt") and ".venv" not in path.parts:
            yield path


def spelled_out_formats(text):
    """(format, line) of every format a template spells out, except ISO dates inside a datetime attribute."""
    found = []
    for match in FORMAT_ARGUMENT.finditer(text):
        fmt = match.group("format")
        if fmt in NAMED:
            continue
        opening = text.rfind('datetime="', 0, match.start())
        in_datetime_attribute = opening != -1 and '"' not in text[opening + len('datetime="') : match.start()]
        if fmt in MACHINE and in_datetime_attribute:
            continue
        found.append((fmt, text.count("\n", 0, match.start()) + 1))
    return found


def test_the_scan_finds_a_spelled_out_format_and_allows_iso_in_datetime_attributes():
    assert spelled_out_formats('{{ at|date:"Y-m-d H:i" }}') == [("Y-m-d H:i", 1)]
    assert spelled_out_formats("{{ at|local_time:'H:i:s' }}") == [("H:i:s", 1)]
    assert spelled_out_formats('<p>{{ at|date:"Y-m-d" }}</p>') == [("Y-m-d", 1)]
    assert spelled_out_formats("""<time datetime="{{ at|date:'Y-m-d' }}">{{ at|date:"DATE_FORMAT" }}</time>""") == []


def test_no_template_spells_out_a_date_format():
    paths = list(templates())
    names = {str(path.relative_to(ROOT)) for path in paths}
    # The templates that showed several forms before: the logo's application and certificate pages, the checker's
    # history, the failure library and the knowledge base.
    for name in (
        "members/templates/members/logo/application.html",
        "members/templates/members/logo/certificate.html",
        "checker/templates/checker/history.html",
        "failures/templates/failures/detail.html",
        "knowledge/templates/knowledge/publication_page.html",
        "members/templates/members/emails/logo_state_body.ja.txt",
    ):
        assert name in names, name
    offenders = {
        str(path.relative_to(ROOT)): found for path in paths if (found := spelled_out_formats(path.read_text()))
    }
    assert offenders == {}
