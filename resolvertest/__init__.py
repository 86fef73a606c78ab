"""The resolver test: does the visitor's DNS resolver validate DNSSEC? (issue 16)

A page in the visitor's browser fetches a unique name under each test zone; the test zones'
own authoritative server records which resolver asked for which name, and how.
"""
