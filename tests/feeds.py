"""Atom checks shared by the feeds' tests."""

import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def assert_authors(body: bytes) -> ET.Element:
    """RFC 4287 §4.1.1: the feed has an author with a name, or each of its entries has one."""
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"

    def named(element):
        return any((author.findtext(f"{ATOM}name") or "").strip() for author in element.findall(f"{ATOM}author"))

    assert named(root) or all(named(entry) for entry in root.findall(f"{ATOM}entry"))
    return root
