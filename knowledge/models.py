"""The knowledge base's page types and glossary, in the order of the site map.

    home
    ├── publications/        PublicationIndexPage
    │   └── <publication>/   PublicationPage (guideline, BCP, report, survey)
    ├── events/              EventIndexPage (upcoming and past)
    │   └── <event>/         EventPage
    ├── news/                NewsIndexPage
    │   └── <news>/          NewsPage
    ├── glossary/            GlossaryPage, one sub-page per GlossaryTerm snippet
    ├── guide/               RoleGuideIndexPage (the adoption decision guide)
    │   └── <role>/          RoleGuidePage (registrant, zone operator, registrar, resolver operator, enterprise)
    └── verification/        EquipmentVerificationIndexPage (Tech-WG's network-equipment verifications)
        └── <verification>/  EquipmentVerificationPage

Every page type is searchable (portal.search) and translated with
wagtail-localize; glossary terms are translatable snippets.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from knowledge import pdf
from knowledge.blocks import DownloadBlock, GuidelineStreamBlock, finding_ids, table_of_contents
from portal import kana
from portal.search import SearchTextMixin

WORKING_GROUPS = [("tech-wg", _("Technology Verification WG (Tech-WG)")), ("pub-wg", _("Public Relations WG (Pub-WG)"))]


def stream_text(body) -> str:
    """The readable text of a guideline body, for search."""
    parts = []
    for block in body:
        value = block.value
        if block.block_type == "heading":
            parts.append(value["text"])
        elif block.block_type == "text":
            parts.append(strip_tags(value.source))
        elif block.block_type == "callout" and value["kind"] != "review":
            # A note for Tech-WG review is for editors (shown in the preview only), so readers cannot find it either.
            parts.append(strip_tags(value["text"].source))
        elif block.block_type == "code":
            parts.extend([value["caption"], value["code"]])
        elif block.block_type == "table":
            parts.append(value["caption"])
            parts.extend(value["header"])
            parts.extend(cell for row in value["rows"] for cell in row)
        elif block.block_type == "figure":
            parts.append(value["caption"])
    return " ".join(part for part in parts if part)


class IndexPageMixin:
    """An index page lists its live children in its own language, newest first."""

    child_order = "-first_published_at"

    def children(self):
        return self.get_children().live().public().specific().order_by(self.child_order)


class PublicationIndexPage(IndexPageMixin, SearchTextMixin, Page):
    """The list of the working groups' publications: guidelines, BCPs, reports and surveys."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.PublicationPage"]
    max_count_per_parent = 1
    child_order = "-publicationpage__published_on"

    class Meta:
        verbose_name = _("publication index")


class PublicationPage(RoutablePageMixin, SearchTextMixin, Page):
    """A publication of a working group: a guideline, BCP, report or survey.

    Its body is a StreamField (headings that build the table of contents,
    text, highlighted code, notes and warnings, tables, figures, downloads and
    the checker findings it explains); its revision history is shown to readers.
    `pdf/` serves it laid out for print (knowledge.pdf), made when it is published.
    """

    class Kind(models.TextChoices):
        BCP = "bcp", _("BCP")
        GUIDELINE = "guideline", _("Guideline")
        REPORT = "report", _("Report")
        SURVEY = "survey", _("Survey")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft for comment")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUIDELINE)
    version = models.CharField(_("version"), max_length=20, default="1.0")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    published_on = models.DateField(_("date"), default=timezone.localdate)
    working_group = models.CharField(_("working group"), max_length=20, choices=WORKING_GROUPS, default="tech-wg")
    summary = models.TextField(_("summary"), help_text=_("A few sentences for the list of publications and the feed."))
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(GuidelineStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("version"), FieldPanel("published_on")]),
                FieldPanel("working_group"),
            ],
            heading=_("publication"),
        ),
        FieldPanel("summary"),
        FieldPanel("pdf"),
        FieldPanel("body"),
        InlinePanel("history", label=_("revision history")),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text"), index.FilterField("kind")]
    search_text_fields = ("title", "summary", "body_text")
    parent_page_types = ["knowledge.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")

    @property
    def in_preparation(self) -> bool:
        """A publication without a body is only announced: it says 準備中 and carries no date, version or history."""
        return not self.body

    def body_text(self):
        return stream_text(self.body)

    def table_of_contents(self):
        return table_of_contents(self.body)

    def finding_ids(self):
        return finding_ids(self.body)

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), "pdf_available": pdf.available()}

    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf")

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        from knowledge.views import publication_pdf

        return publication_pdf(request, self)


class PublicationRevision(Orderable):
    """One line of a publication's visible history: "version 1.1, 2011-03: ..."."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="history")
    version = models.CharField(_("version"), max_length=20)
    date = models.DateField(_("date"))
    note = models.CharField(_("what changed"), max_length=500)

    panels = [FieldRowPanel([FieldPanel("version"), FieldPanel("date")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("revision")

    def __str__(self):
        return f"{self.version} {self.date:%Y-%m} {self.note}"


class EventIndexPage(SearchTextMixin, Page):
    """Forums, workshops, BoFs and hands-on study groups: upcoming first, then the past ones."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["upcoming"] = self.events().filter(starts_on__gte=today).order_by("starts_on")
        context["past"] = self.events().filter(starts_on__lt=today).order_by("-starts_on")
        return context


class EventPage(SearchTextMixin, Page):
    """One event of the community: its date, venue, participants, agenda and materials."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        BOF = "bof", _("BoF")
        STUDY_GROUP = "study-group", _("Hands-on study group")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True, help_text=_("For events over several days."))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    closed = models.BooleanField(_("closed meeting"), default=False)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    summary = models.TextField(_("summary"))
    agenda = RichTextField(_("agenda"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    materials = StreamField([("download", DownloadBlock())], verbose_name=_("materials"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("participants"), FieldPanel("closed")]),
            ],
            heading=_("event"),
        ),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        FieldPanel("materials"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "summary", "venue", "agenda")
    parent_page_types = ["knowledge.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    @property
    def upcoming(self):
        return self.starts_on >= timezone.localdate()


class NewsIndexPage(IndexPageMixin, SearchTextMixin, Page):
    """The community's news, newest first."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.NewsPage"]
    max_count_per_parent = 1
    child_order = "-newspage__date"

    class Meta:
        verbose_name = _("news index")


class NewsPage(SearchTextMixin, Page):
    """A news item of the community: its date, a summary for lists and feeds, and its text."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"))
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "summary", "body")
    parent_page_types = ["knowledge.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news")


@register_snippet
class GlossaryTerm(TranslatableMixin, SearchTextMixin, index.Indexed, models.Model):
    """A DNSSEC term (KSK, ZSK, DS, trust anchor, rollover, ...), translated like a page.

    Each term has its own page under the glossary page; guideline text links
    the first mention of the term (or its abbreviation) to it.
    """

    term = models.CharField(_("term"), max_length=100)
    reading = models.CharField(
        _("reading (yomi)"),
        max_length=100,
        blank=True,
        validators=[kana.validate_reading],
        help_text=_(
            "Japanese terms: the reading in kana, e.g. かぎしょめいかぎ for 鍵署名鍵; required when the term has "
            "kanji. Left empty, a term sorts by itself: Latin letters (A–Z) before kana."
        ),
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("The same in every language: the term page's address.")
    )
    definition = RichTextField(_("definition"), features=["bold", "italic", "link", "code", "ul", "ol"])
    reference = models.CharField(_("reference"), max_length=200, blank=True, help_text=_("For example: RFC 4033 §2"))

    panels = [
        FieldPanel("term"),
        FieldPanel("reading"),
        FieldPanel("abbreviation"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("reference"),
    ]
    search_fields = [index.SearchField("search_text"), index.FilterField("locale")]
    search_text_fields = ("term", "abbreviation", "definition")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="knowledge_glossary_slug_per_locale")]

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    def clean(self):
        self.reading = kana.normalise_reading(self.reading)
        errors = kana.check_reading(self.term, self.reading)
        if errors:
            raise ValidationError(errors)

    def sort_text(self) -> str:
        """What the Japanese glossary sorts by: the reading, or the term when it needs none."""
        return self.reading or self.term


class GlossaryPage(RoutablePageMixin, SearchTextMixin, Page):
    """The glossary: every term of one language, each with its own page at glossary/<slug>/."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("glossary")

    def terms(self):
        return GlossaryTerm.objects.filter(locale=self.locale)

    def term_url(self, term, request=None):
        return self.get_url(request=request) + self.reverse_subpage("term", kwargs={"slug": term.slug})

    def term_sections(self):
        """[(heading, terms)]: in Japanese by reading in 五十音 order (Latin letters first) with its section
        headings, otherwise A to Z in one section without a heading."""
        terms = list(self.terms())
        for term in terms:
            term.url = self.term_url(term)
        if not terms:
            return []
        if self.locale.language_code == "ja":
            return kana.sections(terms, GlossaryTerm.sort_text)
        return [("", sorted(terms, key=lambda term: term.term.casefold()))]

    @path("")
    def index_route(self, request):
        sections = self.term_sections()
        headings = [heading for heading, _terms in sections if heading]
        return self.render(request, context_overrides={"sections": sections, "headings": headings})

    @path("<slug:slug>/", name="term")
    def term_route(self, request, slug):
        term = self.terms().filter(slug=slug).first()
        if term is None:
            raise Http404
        context = self.get_context(request)
        context.update(term=term, page_title=term.term, language_urls=self.term_language_urls(term))
        return TemplateResponse(request, "knowledge/glossary_term.html", context)

    def term_language_urls(self, term):
        """{language: the term's page in it, or None}: the language switch leads to the term, not the index."""
        urls = {}
        for locale in Locale.objects.all():
            glossary = self if locale == self.locale else self.get_translation_or_none(locale)
            translated = term if locale == term.locale else term.get_translation_or_none(locale)
            usable = glossary is not None and glossary.live and translated is not None
            urls[locale.language_code] = glossary.term_url(translated) if usable else None
        return urls


class RoleGuideIndexPage(SearchTextMixin, Page):
    """The adoption decision guide: one page per kind of reader, in the order of ROLES."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.RoleGuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide by role index")

    def children(self):
        order = {role: position for position, role in enumerate(RoleGuidePage.Role.values)}
        pages = RoleGuidePage.objects.child_of(self).live().public()
        return sorted(pages, key=lambda page: order.get(page.role, len(order)))


class RoleGuidePage(SearchTextMixin, Page):
    """What one kind of reader should decide and do about DNSSEC.

    The four sections every role page answers have fixed headings (in the template), so that readers
    find the same questions in the same place on every page; the publications to read next are chosen
    pages, and the checker's link is always there.
    """

    class Role(models.TextChoices):
        REGISTRANT = "registrant", _("Domain name registrants")
        ZONE_OPERATOR = "zone-operator", _("Zone operators and DNS providers")
        REGISTRAR = "registrar", _("Registrars")
        RESOLVER_OPERATOR = "resolver-operator", _("Resolver operators and ISPs")
        ENTERPRISE = "enterprise", _("Enterprises")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    summary = models.TextField(_("summary"), help_text=_("A few sentences for the guide's index and the home page."))
    what_to_do = StreamField(GuidelineStreamBlock(), verbose_name=_("what to do"), blank=True)
    costs = StreamField(GuidelineStreamBlock(), verbose_name=_("what it costs"), blank=True)
    servers = StreamField(GuidelineStreamBlock(), verbose_name=_("servers and software"), blank=True)
    pitfalls = StreamField(GuidelineStreamBlock(), verbose_name=_("what goes wrong"), blank=True)
    reading = StreamField(
        [("publication", blocks.PageChooserBlock(page_type="knowledge.PublicationPage", label=_("publication")))],
        verbose_name=_("publications to read"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("role"),
        FieldPanel("summary"),
        FieldPanel("what_to_do"),
        FieldPanel("costs"),
        FieldPanel("servers"),
        FieldPanel("pitfalls"),
        FieldPanel("reading"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text"), index.FilterField("role")]
    search_text_fields = ("title", "summary", "body_text")
    parent_page_types = ["knowledge.RoleGuideIndexPage"]
    subpage_types = []

    # The sections in reading order: (field, anchor); their headings are the template's.
    SECTIONS = ("what_to_do", "costs", "servers", "pitfalls")

    class Meta:
        verbose_name = _("guide by role")

    def body_text(self):
        return " ".join(stream_text(getattr(self, name)) for name in self.SECTIONS)

    def publications(self):
        """The chosen publications that are live, in the page's order."""
        pages = [block.value for block in self.reading if block.value is not None]
        return [page.specific for page in pages if page.live]


class EquipmentVerificationIndexPage(IndexPageMixin, SearchTextMixin, Page):
    """Tech-WG's verifications of network equipment (firewalls, load balancers, home routers) with DNSSEC answers."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "intro")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.EquipmentVerificationPage"]
    max_count_per_parent = 1
    child_order = "-equipmentverificationpage__tested_on"

    class Meta:
        verbose_name = _("equipment verification index")


class VerificationResultBlock(blocks.StructBlock):
    case = blocks.CharBlock(label=_("test case"))
    expected = blocks.CharBlock(label=_("expected"))
    observed = blocks.CharBlock(label=_("observed"))
    passed = blocks.BooleanBlock(required=False, label=_("passed"))

    class Meta:
        icon = "tick"
        label = _("Result")


class EquipmentVerificationPage(SearchTextMixin, Page):
    """One verification of a piece of network equipment: how DNSSEC-sized answers, fragments and TCP pass it.

    An entry made up for the demo or for teaching is marked `fictional`: the page and the index then say
    例（架空の機器） / Example (fictional equipment), so that nobody reads it as a real vendor's result.
    """

    equipment_class = models.CharField(_("equipment class"), max_length=100)
    product = models.CharField(_("product"), max_length=200)
    software_version = models.CharField(_("software version"), max_length=100)
    fictional = models.BooleanField(
        _("fictional example"),
        default=False,
        help_text=_("An example with made-up equipment: marked as such on the page and in the list."),
    )
    tested_on = models.DateField(_("date of the test"))
    summary = models.TextField(_("summary"))
    setup = RichTextField(_("test set-up"))
    edns_buffer_size = RichTextField(_("EDNS buffer size"))
    fragments = RichTextField(_("IP fragment handling"))
    tcp_fallback = RichTextField(_("TCP fallback"))
    results = StreamField([("result", VerificationResultBlock())], verbose_name=_("results"), blank=True)
    conclusion = RichTextField(_("conclusion"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("equipment_class"),
                FieldRowPanel([FieldPanel("product"), FieldPanel("software_version")]),
                FieldRowPanel([FieldPanel("tested_on"), FieldPanel("fictional")]),
            ],
            heading=_("equipment"),
        ),
        FieldPanel("summary"),
        FieldPanel("setup"),
        FieldPanel("edns_buffer_size"),
        FieldPanel("fragments"),
        FieldPanel("tcp_fallback"),
        FieldPanel("results"),
        FieldPanel("conclusion"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = (
        "title",
        "equipment_class",
        "product",
        "summary",
        "setup",
        "edns_buffer_size",
        "fragments",
        "tcp_fallback",
        "results_text",
        "conclusion",
    )
    parent_page_types = ["knowledge.EquipmentVerificationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("equipment verification")

    def results_text(self):
        return " ".join(
            f"{block.value['case']} {block.value['expected']} {block.value['observed']}" for block in self.results
        )
