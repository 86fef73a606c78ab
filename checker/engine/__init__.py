"""The DNSSEC checker engine: walk, validate, explain.  Plain Python, no Django.

Public interface: `check` (async), `check_sync`, `Options`, `Limits`, `Report`, `Finding`,
`InputError`, `normalize`, `SCHEMA_VERSION`; the report's JSON form is described in SCHEMA.md;
`python -m checker.engine --help` is the command line (`cli.add_arguments` and `cli.run` let
`manage.py dnscheck` offer the same options).

Layers, each in its own module:
  names.py       input -> absolute A-label name, or InputError(code, detail)
  addresses.py   the special-purpose address guard (no packet to non-global space)
  transport.py   UDP/TCP queries: EDNS 1232 + DO, TC -> TCP, retries, budget, deadline, log,
                 de-duplication, the shared cache of ancestor answers
  walker.py      root hints -> every referral -> the zone; servers, addresses, apex answers;
                 for the checked zone also CDS/CDNSKEY/MX, the probes, PTR of its addresses,
                 and the checked name's CNAME chain
  validator.py   signatures and DS digests with dnspython's primitives; memo; KeyTrap caps
  policy.py      which algorithms and digests count for the verdict (algorithms 5/7: secure)
  chain.py       the chain of trust, zone by zone, and the findings that explain it; a proof of
                 denial that fails (no DS, wildcard, NODATA: G4, G6, G7) makes a secure zone's
                 answer bogus
  checks.py      the catalog rows of groups D, E, F, H (and G's parameter rows) as findings
  denial.py      what NSEC/NSEC3 records prove (NXDOMAIN, NODATA, wildcard, no DS): the one place
  denialchecks.py  the multi-record rows of group G that decide no verdict (G4 at the apex,
                 G14-G16, G18)
  zonechecks.py  groups A, B, C and J from the checked zone's answers and the query log
  cds.py         group I (CDS/CDNSKEY) and C9
  probes.py      one-off queries probing each server's behaviour (B6, B7, B9-B13, B15, B18, B21, B23)
  report.py      Report, Finding, JSON form, evidence shaped for the catalog's texts
  text.py        the readable diagnosis (ja/en)
  api.py, cli.py the entry points
"""

import importlib

# Where each public name lives; imported on first use (PEP 562), so that `python -m checker.engine`
# and `import checker.engine.report` do not load the whole engine first.
_EXPORTS = {
    "Options": "api",
    "check": "api",
    "check_sync": "api",
    "Limits": "transport",
    "InputError": "names",
    "normalize": "names",
    "Report": "report",
    "Finding": "report",
    "SCHEMA_VERSION": "report",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
