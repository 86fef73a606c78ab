"""The database every test starts from: the rows the migrations made, plus the demo content on request.

Two copies of the test database are kept per test process, as every table's rows (in PostgreSQL's
binary COPY format; on SQLite, the search suite's second run, as the rows a SELECT reads):

- the **baseline**, taken once the test database is migrated. A transactional test ends with a
  flush, which empties every table, the migrations' rows included (the Wagtail tree's root, the
  default site, the role groups); its teardown then copies the baseline back, so the next test
  starts where every other test starts, whatever ran before it on the same process.
- the **demo content**: `load_initial_data` costs about 12 s of CPU and some eighty tests ask for
  it. The first one runs the loader and takes the copy; each later one truncates the tables and
  copies the rows back (about 0.4 s). It is replayed only onto the baseline: when a table's row
  count differs from the baseline's (a fixture made rows first), the loader runs instead, so a test
  always sees what the loader would have made.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import Site


class TableCopy:
    """Every non-empty table's rows, copied out of the test database and back into it."""

    def __init__(self, tables: dict[str, bytes | tuple[str, list[tuple]]]):
        self.tables = tables

    @classmethod
    def take(cls, names: list[str]) -> "TableCopy":
        tables = {}
        with connection.cursor() as cursor:
            for name in names:
                if connection.vendor == "postgresql":
                    with cursor.copy(f"COPY {_quote(name)} TO STDOUT (FORMAT BINARY)") as copy:
                        tables[name] = b"".join(bytes(block) for block in copy)
                else:
                    cursor.execute(f"SELECT * FROM {_quote(name)}")
                    columns = ", ".join(_quote(column[0]) for column in cursor.description)
                    tables[name] = (columns, cursor.fetchall())
        return cls(tables)

    def put_back(self, truncate: list[str]) -> None:
        # One transaction (a savepoint inside a test's own), so that the foreign keys, deferred, are
        # checked once every table is in.
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses while checks of this transaction are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE " + ", ".join(_quote(name) for name in truncate) + " CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for name, rows in self.tables.items():
                    with cursor.copy(f"COPY {_quote(name)} FROM STDIN (FORMAT BINARY)") as copy:
                        copy.write(rows)
            else:
                for name in truncate:
                    cursor.execute(f"DELETE FROM {_quote(name)}")
                for name, (columns, rows) in self.tables.items():
                    values = ", ".join(["%s"] * len(rows[0]))
                    cursor.executemany(f"INSERT INTO {_quote(name)} ({columns}) VALUES ({values})", rows)
        # The caches as the loader leaves them, whatever the tests before left: content types known (the ids may
        # have changed since a flush) and Wagtail's site root paths to be read again (COPY sends no signal to clear
        # them). A test that counts queries counts the same after either.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())
        Site.clear_site_root_paths_cache()


FTS5_TABLES = ("", "_config", "_content", "_data", "_docsize", "_idx")
_baseline_counts: list[int] = []
_baseline: list[TableCopy] = []
_demo: list[TableCopy] = []


def take_baseline() -> None:
    _baseline_counts[:] = _row_counts()
    _baseline[:] = [TableCopy.take(_non_empty(_baseline_counts))]


def restore_baseline() -> None:
    if _baseline:
        _baseline[0].put_back(truncate=_tables())


def load_demo_content() -> None:
    if _demo and _row_counts() == _baseline_counts:
        # The demo tables hold every table that the baseline does, so truncating them empties the rest.
        _demo[0].put_back(truncate=list(_demo[0].tables))
        return
    at_baseline = not _demo and _row_counts() == _baseline_counts
    call_command("load_initial_data", verbosity=0)
    # What the loader wrote to the cache goes, as after a replay (every test ends with an empty cache): in the
    # process's LocMemCache its hundreds of entries made each later write cull a third of the keys, the page
    # cache's generation among them, so the first test of a process counted queries of its own.
    cache.clear()
    if at_baseline:
        counts = _row_counts()
        _demo[:] = [TableCopy.take(_non_empty([max(a, b) for a, b in zip(_baseline_counts, counts, strict=True)]))]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> list[str]:
    # django_migrations: a flush keeps it and nothing else writes it. On SQLite, the search index's full-text
    # table and the tables FTS5 keeps its index in are left out: triggers on the index's entries write them.
    full_text = set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            full_text = {f"{name}{part}" for (name,) in cursor.fetchall() for part in FTS5_TABLES}
    return [
        name for name in connection.introspection.table_names() if name != "django_migrations" and name not in full_text
    ]


def _non_empty(counts: list[int]) -> list[str]:
    return [name for name, count in zip(_tables(), counts, strict=True) if count]


def _row_counts() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {_quote(name)})" for name in _tables()))
        return list(cursor.fetchone())
