"""The demo content, loaded once per test process and replayed for every test that asks for it.

`load_initial_data` costs about 12 s of CPU (Wagtail revisions and translations, one search-index
write per save), and some eighty tests ask for it. On PostgreSQL the first use in a process runs
the loader and copies every table out (COPY … TO STDOUT, binary); each later use truncates every
table and copies the rows back in, inside the test's own transaction (a transactional test commits
them, as the loader would). It replays only onto the database it first loaded into: when any table
holds a different number of rows (a fixture made rows first, or a transactional test's flush took
the migrations' rows away), the loader runs instead, so a test sees what the loader would have made.
SQLite (the search suite's second run) runs the loader each time.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Site

# Each table's row count before the first load, and its rows in PostgreSQL's binary COPY format after it.
_counts_before: list[int] = []
_tables: dict[str, bytes] = {}


def load() -> None:
    if connection.vendor != "postgresql":
        call_command("load_initial_data", verbosity=0)
        return
    counts = _row_counts()
    if _tables and counts == _counts_before:
        _copy_in(_tables)
        return
    call_command("load_initial_data", verbosity=0)
    if not _tables:
        _counts_before[:] = counts
        _tables.update(_copy_out(counts))


def _user_tables() -> list[str]:
    # django_migrations is never flushed and the loader does not write it.
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def _row_counts() -> list[int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {quote(name)})" for name in _user_tables()))
        return list(cursor.fetchone())


def _copy_out(counts_before: list[int]) -> dict[str, bytes]:
    """Every table that held rows before or after the load (the others are empty whenever the counts match)."""
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for name, before, after in zip(_user_tables(), counts_before, _row_counts(), strict=True):
            if not before and not after:
                continue
            with cursor.copy(f"COPY {quote(name)} TO STDOUT (FORMAT BINARY)") as copy:
                tables[name] = b"".join(bytes(block) for block in copy)
    return tables


def _copy_in(tables: dict[str, bytes]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # TRUNCATE refuses while foreign-key checks of this transaction are pending: run them first.
        # CASCADE reaches the tables that refer to these; they are empty (the counts matched).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE " + ", ".join(quote(name) for name in tables) + " CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for name, rows in tables.items():
            with cursor.copy(f"COPY {quote(name)} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows)
    # What the loader's saves would have cleared through signals; COPY sends none.
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
