"""wagtail-localize inside the Tech-WG review: a finished translation is submitted, never published directly.

wagtail-localize 1.14 has no workflow of its own. Its translation editor's
"Publish in <language>" and its "update translations" form with "Publish
immediately" publish for anyone who may publish. Here both produce a draft
revision of the translated page and submit it to the page's workflow
("Tech-WG review", knowledge.workflow); a reviewer's approval publishes it,
as for an original. Requesting a translation publishes nothing either
(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False in the settings).

The seams (wagtail_hooks.py and portal/urls.py):
- `before_edit_page`, ordered before wagtail-localize's own hook, answers the
  editor's publish action and otherwise shows wagtail-localize's editor with
  "may submit" in place of "may publish", so an editor without publish
  permission gets the button too (its label says "submit" in both catalogues);
- `UpdateTranslationsView`, registered in portal/urls.py on wagtail-localize's
  own address before the admin's URLs, turns "publish" into draft and submit.

Snippets (glossary terms) have no drafts and no workflow: wagtail-localize
saves them as before.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation, update_translations


def translation_of(page: Page) -> Translation | None:
    """The enabled wagtail-localize translation whose target is `page`, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def save_draft(translation: Translation, user) -> Page:
    """Write the translated segments into a new draft revision of the target page; the live page stays as it is.

    wagtail-localize's own draft (save_target(publish=False)) also saves the
    page row, which is what readers see, so the live content is put back from
    the live revision, keeping the new draft as the latest revision.
    """
    page = translation.source.get_translated_instance(translation.target_locale).specific
    live_revision = page.live_revision if page.live else None
    translation.save_target(user=user, publish=False)
    page.refresh_from_db()
    if live_revision is not None:
        shown = live_revision.as_object()
        shown.latest_revision = page.latest_revision
        shown.draft_title = page.draft_title
        shown.has_unpublished_changes = True
        shown.save(clean=False)
        page.refresh_from_db()
    return page


def submit_for_review(page: Page, user) -> None:
    """Start the page's workflow on its latest revision, restarting one already under way."""
    workflow = page.get_workflow()
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow.start(page, user)


@transaction.atomic
def draft_and_submit(translation: Translation, user) -> Page:
    page = save_draft(translation, user)
    submit_for_review(page, user)
    return page


class SubmitPermissions:
    """A page's permissions for the translation editor: "publish" there means "submit for review"."""

    def __init__(self, tester):
        self.tester = tester

    def __getattr__(self, name):
        return getattr(self.tester, name)

    def can_publish(self):
        return self.tester.can_edit()


def before_edit_page(request, page):
    """The translation editor of a translated page, with its publish action sent to review."""
    if page.alias_of_id:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    if request.method == "POST" and request.POST.get("action") == "publish":
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        try:
            draft_and_submit(translation, request.user)
        except ValidationError:
            messages.error(request, _("The translation has errors; fix them and submit it again."))
        else:
            messages.success(
                request,
                _("Submitted '%(title)s' in %(language)s to %(workflow)s.")
                % {
                    "title": page.get_admin_display_title(),
                    "language": translation.target_locale.get_display_name(),
                    "workflow": _(page.get_workflow().name),
                },
            )
        return redirect(request.path)
    if request.method == "POST":
        return None  # wagtail-localize's restart and convert actions
    tester = page.permissions_for_user(request.user)
    page.permissions_for_user = lambda user: SubmitPermissions(tester)
    return edit_translation.edit_translation(request, translation, page)


class UpdateTranslationsForm(update_translations.UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publish_translations"]
        field.label = gettext_lazy("Submit the translated pages for review")
        field.help_text = gettext_lazy(
            "Saves each translated page as a draft with the updates and submits it to the Tech-WG review; "
            "the changes use the original language until translated. Nothing is published."
        )


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "update translations", whose "publish" saves drafts and submits them for review."""

    def get_form(self):
        if self.request.method == "POST":
            return UpdateTranslationsForm(self.request.POST)
        return UpdateTranslationsForm()

    @transaction.atomic
    def form_valid(self, form):
        submit = form.cleaned_data["publish_translations"]
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        # Snippets have no drafts: wagtail-localize has saved them already.
        if submit and isinstance(self.object.get_source_instance(), Page):
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                try:
                    draft_and_submit(translation, self.request.user)
                except ValidationError:
                    messages.error(
                        self.request,
                        _("The translation into %(language)s has errors; it was not submitted.")
                        % {"language": translation.target_locale.get_display_name()},
                    )
        return response


def _shape(segment):
    """A segment's path with StreamField block ids left out: the same place in an original and its translation."""
    return (type(segment).__name__, tuple(part if len(part) < 32 else "#" for part in segment.path.split(".")))


def adopt_translation(original: Page, translated: Page) -> bool:
    """Put a translation made outside wagtail-localize (the demo content) under it, keeping its text.

    The original becomes a translation source; the translated object's strings are recorded as the manual
    translations of the original's, segment by segment, when both have the same structure. Returns False
    when they do not (the source is kept, with no translation), or when wagtail-localize manages the
    translation already.
    """
    from wagtail_localize.models import StringTranslation, TranslationSource
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    existing = TranslationSource.objects.get_for_instance_or_none(original)
    if existing is not None and existing.translations.filter(target_locale=translated.locale).exists():
        return False
    ours = [s for s in extract_segments(original) if isinstance(s, StringSegmentValue)]
    theirs = [s for s in extract_segments(translated) if isinstance(s, StringSegmentValue)]
    if [_shape(s) for s in ours] != [_shape(s) for s in theirs]:
        TranslationSource.get_or_create_from_instance(original)
        return False
    source, _created = TranslationSource.get_or_create_from_instance(original)
    segments = list(source.stringsegment_set.select_related("string", "context").order_by("order"))
    if [segment.context.path for segment in segments] != [s.path for s in ours]:
        return False
    with transaction.atomic():
        Translation.objects.create(source=source, target_locale=translated.locale, enabled=True)
        for segment, value in zip(segments, theirs, strict=True):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translated.locale,
                context=segment.context,
                defaults={"data": value.string.data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    return True


def adopt_demo_translations() -> tuple[int, int]:
    """Every page and glossary term of the default language with translations made without wagtail-localize:
    (adopted, sources only). Run by load_initial_data; what is adopted once is left alone after."""
    from wagtail.models import Locale

    from knowledge.models import GlossaryTerm

    default = Locale.get_default()
    originals = [
        *Page.objects.filter(locale=default, depth__gt=1).specific(),
        *GlossaryTerm.objects.filter(locale=default),
    ]
    adopted = kept = 0
    for original in originals:
        for translated in original.get_translations():
            if isinstance(translated, Page):
                if translated.alias_of_id:
                    continue
                translated = translated.specific
            if adopt_translation(original, translated):
                adopted += 1
            else:
                kept += 1
    return adopted, kept


def name_report_filters() -> None:
    """The translations report's language filters, named in the reader's language: wagtail-localize gives them no
    label, so django-filter joins one from field names ("Source locale"), which no catalogue translates."""
    from wagtail_localize.views.report import TranslationsReportFilterSet

    filters = TranslationsReportFilterSet.base_filters
    filters["source_locale"].label = gettext_lazy("Language of the original")
    filters["target_locale"].label = gettext_lazy("Language of the translation")
