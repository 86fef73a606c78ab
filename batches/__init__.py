"""Batch checks for members (issue 17 §1): API tokens, batches of names, their compact results.

A batch is cut into chunks on the `batch` queue; each chunk checks its names in one process with
the engine's shared cache and records one compact row per name. The database is the record of what
is done: a chunk re-sent after a lost worker checks only the names still without a result.
"""
