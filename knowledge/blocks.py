"""StreamField blocks of guidelines and publications.

Headings carry anchors that build the table of contents; code blocks are
highlighted by Pygments on the server (no script needed to read them); the
related-findings block only accepts ids of the checker's catalog.
"""

import re

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from knowledge.glossary_links import link_terms
from portal import languages

# Pygments has no lexer of its own for named.conf; its nginx lexer reads the
# same "keyword value; block { ... };" shape. unbound.conf and knot.conf are YAML-shaped.
CODE_LANGUAGES = {
    "zone": (_("Zone file"), "zone"),
    "named.conf": (_("BIND named.conf"), "nginx"),
    "unbound.conf": (_("Unbound unbound.conf"), "yaml"),
    "knot.conf": (_("Knot knot.conf / Knot Resolver"), "yaml"),
    "kresd.conf": (_("Knot Resolver kresd.conf (Lua)"), "lua"),
    "shell": (_("Shell session"), "bash"),  # commands after a prompt, the rest output: console_lines()
    "text": (_("Plain text"), "text"),
}


# A shell session's prompt: "$ " (a user) or "# " (root); a line after one that ends with "\" continues a command.
_PROMPT = re.compile(r"^([$#] )")


def console_lines(text) -> list[dict]:
    """A shell session's lines, each a command (its prompt apart, the rest highlighted as shell) or output.

    The copy button copies the commands only; a block without any prompt is commands throughout.
    """
    lexer = get_lexer_by_name("bash")
    lines = text.splitlines()
    prompted = any(_PROMPT.match(line) for line in lines)
    out, continued = [], False
    for line in lines:
        match = _PROMPT.match(line)
        if match or continued or not prompted:
            prompt = match.group(1) if match else ""
            command = line[len(prompt) :]
            html = highlight(command, lexer, HtmlFormatter(nowrap=True)).rstrip("\n")
            out.append({"command": True, "prompt": prompt, "html": mark_safe(html)})
            continued = command.endswith("\\")
        else:
            out.append({"command": False, "text": line})
    return out


def heading_anchor(block) -> str:
    # slugify drops Japanese letters; the block's own id keeps anchors unique and stable.
    return f"{slugify(block.value['text'])[:40]}-{block.id[:8]}".lstrip("-")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(choices=[("h2", _("section")), ("h3", _("subsection"))], default="h2", label=_("level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "knowledge/blocks/heading.html"


class GlossaryRichTextBlock(blocks.RichTextBlock):
    """Rich text whose first mention of each glossary term links to the term's page."""

    def render(self, value, context=None):
        html = super().render(value, context)
        page = (context or {}).get("page")
        if page is None:
            return html
        # One lookup and one "already linked" set per page object, shared by all its text blocks.
        state = page.__dict__.setdefault("_glossary_link_state", {})
        return mark_safe(link_terms(str(html), page.locale_id, state))

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=[(key, label) for key, (label, _lexer) in CODE_LANGUAGES.items()], label=_("language")
    )
    caption = blocks.CharBlock(
        required=False, label=_("caption"), help_text=_("For example the file name: /etc/unbound/unbound.conf")
    )
    code = blocks.TextBlock(label=_("code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "knowledge/blocks/code.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        label, lexer = CODE_LANGUAGES.get(value["language"], CODE_LANGUAGES["text"])
        context["language_label"] = label
        if value["language"] == "shell":
            context["console_lines"] = console_lines(value["code"])
        else:
            formatted = highlight(value["code"], get_lexer_by_name(lexer), HtmlFormatter(nowrap=True))
            context["highlighted"] = mark_safe(formatted)
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("warning", _("Warning")), ("review", _("For Tech-WG review"))],
        default="note",
        label=_("kind"),
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "code", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Note or warning")
        template = "knowledge/blocks/callout.html"


class TableBlock(blocks.StructBlock):
    """A simple table: a caption, a header row and rows of plain-text cells (translated cell by cell)."""

    caption = blocks.CharBlock(label=_("caption"))
    header = blocks.ListBlock(blocks.CharBlock(label=_("column")), label=_("header row"))
    rows = blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(label=_("cell")), label=_("row")), label=_("rows"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "knowledge/blocks/table.html"

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        if any(len(row) != width for row in value["rows"]):
            raise StructBlockValidationError(
                block_errors={"rows": ValidationError(_("Every row needs as many cells as the header row."))}
            )
        return value


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"), help_text=_("What the figure shows, for readers who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Figure")
        template = "knowledge/blocks/figure.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(required=False, label=_("description"))

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "knowledge/blocks/download.html"


class FindingIdBlock(blocks.CharBlock):
    """A checker finding id such as `trust_anchor_unusable`; unknown ids are refused."""

    def clean(self, value):
        from checker import catalog

        value = super().clean(value).strip()
        if value not in catalog.ids():
            raise ValidationError(_("“%(id)s” is not a finding id of the checker's catalog.") % {"id": value})
        return value


class RelatedFindingsBlock(blocks.StructBlock):
    findings = blocks.ListBlock(FindingIdBlock(label=_("finding id")), label=_("finding ids"))

    class Meta:
        icon = "link"
        label = _("Related checker findings")
        template = "knowledge/blocks/related_findings.html"

    def get_context(self, value, parent_context=None):
        from checker import catalog

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        language = languages.catalog_language(page.locale.language_code if page is not None else None)
        context["findings"] = [
            {
                "id": fid,
                "number": catalog.get(fid).number,
                "title": getattr(catalog.get(fid).title, language),
                "url": finding_url(fid),
            }
            for fid in value["findings"]
            if fid in catalog.ids()
        ]
        return context


def finding_url(finding_id: str) -> str | None:
    """The checker's page of a finding, when the checker's pages are installed."""
    try:
        return reverse("checker:finding", kwargs={"finding_id": finding_id})
    except NoReverseMatch:
        return None


class GuidelineStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = GlossaryRichTextBlock(features=["bold", "italic", "link", "document-link", "code", "ul", "ol", "h4"])
    code = CodeBlock()
    callout = CalloutBlock()
    table = TableBlock()
    figure = FigureBlock()
    download = DownloadBlock()
    related_findings = RelatedFindingsBlock()


def table_of_contents(body) -> list[dict]:
    """The sections of a guideline body, each with its subsections, and the anchors their headings render.

    Nested, so that the list numbers sections only: a flat list counted the subsections too (3, then 6).
    A subsection before any section stands as a section of its own.
    """
    toc = []
    for block in body:
        if block.block_type != "heading":
            continue
        item = {"text": block.value["text"], "anchor": heading_anchor(block), "subsections": []}
        if block.value["level"] == "h3" and toc:
            toc[-1]["subsections"].append(item)
        else:
            toc.append(item)
    return toc


def finding_ids(body) -> set[str]:
    found = set()
    for block in body:
        if block.block_type == "related_findings":
            found.update(block.value["findings"])
    return found
