"""The DNSSEC checker: engine (plain Python), lab, catalog, and later the portal side."""
