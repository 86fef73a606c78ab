"""The DNSSEC checker engine: walk, validate, explain.  No Django here.

Public interface: `check`, `check_sync`, `Options`, `Limits`, `Report`,
`Finding`, `InputError`, `SCHEMA_VERSION`.  See SCHEMA.md for the report.
"""
from .api import Options, check, check_sync
from .names import InputError, normalize
from .report import SCHEMA_VERSION, Finding, Report
from .transport import Limits

__all__ = ["Options", "Limits", "check", "check_sync", "InputError", "normalize", "Report", "Finding", "SCHEMA_VERSION"]
