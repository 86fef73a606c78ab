"""Demo failure reports: generalised from publicly documented kinds of DNSSEC failure.

No report names a company; each matches its category and finding ids.
Narrative fields are HTML paragraphs (stored as a reviewer-cleaned report would be).
"""

from failures.demo.reports import REPORTS

__all__ = ["REPORTS"]
