"""The batch checks' settings: Django settings or the environment, with defaults (as checker.conf)."""

from checker.conf import int_setting as _int


def daily_quota() -> int:
    """Names a token may submit in any 24 hours."""
    return _int("BATCH_DAILY_QUOTA", 100_000)


def max_names() -> int:
    """Names in one JSON request (a list in memory; larger lists go in several batches)."""
    return _int("BATCH_MAX_NAMES_PER_REQUEST", 10_000)


def chunk_size() -> int:
    """Names per task on the batch queue: a lost worker loses at most one chunk's work."""
    return _int("BATCH_CHUNK_SIZE", 50)


def concurrency() -> int:
    """Checks a chunk runs at once in its process (they share the engine's cache of ancestor answers)."""
    return _int("BATCH_CONCURRENCY", 10)


def chunk_time_limit() -> int:
    """Seconds a chunk may run; after this and a grace, the sweeper sends it again."""
    return _int("BATCH_CHUNK_TIME_LIMIT", 600)


def max_attempts() -> int:
    """A chunk whose worker was lost this often has its unchecked names marked failed."""
    return _int("BATCH_CHUNK_MAX_ATTEMPTS", 3)


def max_upload_bytes() -> int:
    """A file of names, as sent (gzip or not)."""
    return _int("BATCH_MAX_UPLOAD_BYTES", 64 * 1024 * 1024)


def max_expanded_bytes() -> int:
    """A gzip file's content once expanded: past this it is refused (a gzip bomb)."""
    return _int("BATCH_MAX_EXPANDED_BYTES", 256 * 1024 * 1024)
