"""Rich text from the report form, cleaned through Wagtail's DbHTMLConverter and whitelist."""

import re

from django.utils.html import escape
from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

# What a report needs: paragraphs, emphasis, lists, code, external links; no images, embeds or headings.
FEATURES = ["bold", "italic", "ol", "ul", "link", "code"]
_converter = DbHTMLConverter(FEATURES)
# Text with none of these tags is plain text, even if it contains "<" (a log line, "<x>").
_HTML = re.compile(r"<(?:p|br|ul|ol|li|b|i|strong|em|a|code|div|span)\b", re.IGNORECASE)
# Text with inline tags only still has its paragraphs in blank lines.
_BLOCK = re.compile(r"<(?:p|ul|ol|li|div|h[1-6]|blockquote|table)\b", re.IGNORECASE)


def _paragraphs(text):
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + p.replace("\n", "<br/>") + "</p>" for p in parts)


def clean(text: str) -> str:
    """Plain text becomes paragraphs; HTML keeps only what FEATURES allow (no scripts, handlers, javascript: URLs)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not _HTML.search(text):
        text = _paragraphs(escape(text))
    elif not _BLOCK.search(text):
        text = _paragraphs(text)
    cleaned, _removals = _converter.clean(text)
    return cleaned
