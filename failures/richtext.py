"""Rich text from the report form, cleaned through Wagtail's DbHTMLConverter and whitelist."""
import re

from django.utils.html import escape
from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

# What a report needs: paragraphs, emphasis, lists, code, external links; no images, embeds or headings.
FEATURES = ["bold", "italic", "ol", "ul", "link", "code"]
_converter = DbHTMLConverter(FEATURES)
# Text with none of these tags is plain text, even if it contains "<" (a log line, "<x>").
_HTML = re.compile(r"<(?:p|br|ul|ol|li|b|i|strong|em|a|code|div|span)\b", re.IGNORECASE)


def clean(text: str) -> str:
    """Plain text becomes paragraphs; HTML keeps only what FEATURES allow (no scripts, handlers, javascript: URLs)."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _HTML.search(text):
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        text = "".join("<p>" + escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs)
    cleaned, _removals = _converter.clean(text)
    return cleaned
