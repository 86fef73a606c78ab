"""Helpers of the permission matrix: every URL name of the project, sample arguments, outcomes."""

import hashlib
import io
import re

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image as PILImage
from wagtail.blocks import Block

ROLES = ("anonymous", "member", "org-admin", "reviewer", "logo-reviewer", "editor", "translator", "administrator")
LOGIN_PATHS = ("/admin/login/", "/ja/accounts/login/", "/en/accounts/login/")


def url_names():
    """{name: route} for every named URL pattern, namespaces included ("wagtailusers_users:edit")."""
    names = {}

    def walk(resolver, namespaces, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespaces + [pattern.namespace] if pattern.namespace else namespaces
                walk(pattern, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.setdefault(":".join(namespaces + [pattern.name]), prefix + str(pattern.pattern))

    walk(get_resolver(), [], "")
    return names


def world(submitter):
    """The objects whose ids fill the URLs: a draft page in moderation, a live page, an image, a document, ..."""
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        Page,
        PageViewRestriction,
        Site,
        Task,
        Workflow,
    )
    from wagtail_localize.models import Translation, TranslationSource

    from checker.models import CheckRun
    from members.models import Organisation
    from resolvertest.models import TestRun

    root = Page.get_first_root_node()
    home = Page.objects.filter(depth=2).first()
    draft = home.add_child(instance=Page(title="Draft", slug="matrix-draft", live=False))
    revision = draft.save_revision()
    workflow_state = draft.get_workflow().start(draft, submitter)
    live = home.add_child(instance=Page(title="Live", slug="matrix-live"))
    live.save_revision().publish()
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    image = Image.objects.create(title="matrix", file=ImageFile(io.BytesIO(buffer.getvalue()), name="matrix.png"))
    document = Document.objects.create(title="matrix", file=ContentFile(b"%PDF-1.4 matrix", name="matrix.pdf"))
    organisation = Organisation.objects.create(slug="matrix-org", name_ja="検証組織", name_en="Matrix Org")
    from knowledge.models import GlossaryTerm

    glossary_term = GlossaryTerm.objects.create(
        locale=Locale.get_default(), term="検証用語", slug="matrix-term", definition="<p>用語</p>"
    )
    published_report, attachment, draft_report = failure_reports(submitter)
    from members.models import ServiceStatus

    service_status = ServiceStatus.objects.create(
        organisation=submitter.membership.organisation,
        kind="registrar",
        key_owner="registrant",
        fee="free",
        start="undecided",
        visibility="members",
    )
    private = home.add_child(instance=Page(title="Private", slug="matrix-private"))
    private.save_revision().publish()
    page_restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="matrix"
    )
    child_collection = Collection.get_first_root_node().add_child(name="matrix")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=child_collection, restriction_type=CollectionViewRestriction.PASSWORD, password="matrix"
    )
    alias = live.create_alias(parent=home, update_slug="matrix-alias")
    english, _ = Locale.objects.get_or_create(language_code="en")
    if not home.has_translation(english):
        home.copy_for_translation(english)
    source, _ = TranslationSource.get_or_create_from_instance(live)
    translation = Translation.objects.create(source=source, target_locale=english, enabled=True)
    translation.save_target()
    return {
        "root": root,
        "home": home,
        "draft": draft,
        "live": live,
        "revision": revision,
        "image": image,
        "document": document,
        "organisation": organisation,
        "glossary_term": glossary_term,
        "collection": Collection.get_first_root_node(),
        "child_collection": child_collection,
        "private": private,
        "page_restriction": page_restriction,
        "collection_restriction": collection_restriction,
        "alias": alias,
        "translation": translation,
        "run": CheckRun.objects.create(
            domain="alg13.test", created=timezone.now(), deadline=timezone.now() + timedelta(minutes=2)
        ),
        "resolver_test_run": TestRun.objects.create(public_id="matrix-run", created_at=timezone.now(), language="ja"),
        "published_report": published_report,
        "attachment": attachment,
        "draft_report": draft_report,
        "service_status": service_status,
        "redirect": Redirect.objects.create(old_path="/matrix-old", redirect_link="https://example.jp/"),
        "site": Site.objects.first(),
        "locale": Locale.objects.first(),
        "group": Group.objects.first(),
        "workflow": Workflow.objects.first(),
        "task": Task.objects.first(),
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        **logo_objects(submitter),
        "watched": watched_domain(submitter),
        **campaign_objects(),
    }


def campaign_objects():
    """A public domain list and a finished campaign over it (one bogus name), for the statistics' URLs and the
    admin's campaign URLs."""
    from django.utils import timezone

    from batches.models import Batch, BatchName
    from campaigns import figures
    from campaigns.models import Campaign, DomainList

    now = timezone.now()
    domain_list = DomainList.objects.create(name_ja="検証リスト", name_en="Matrix list", slug="matrix-list")
    batch = Batch.objects.create(created_at=now, profile="light", accepted=1, state=Batch.State.DONE)
    BatchName.objects.create(batch=batch, position=0, domain="expired.test", checked_at=now, verdict="bogus")
    campaign = Campaign.objects.create(domain_list=domain_list, batch=batch, created_at=now, finished_at=now)
    campaign.figures = figures.compute(campaign)
    campaign.save()
    return {"domain_list": domain_list, "campaign": campaign}


def watched_domain(submitter):
    """A domain the matrix's organisation watches (watch/), for the URLs with its id and its feed's token."""
    from django.utils import timezone

    from watch.models import WatchedDomain

    return WatchedDomain.objects.create(
        organisation=submitter.membership.organisation, domain="matrix.example", added_at=timezone.now()
    )


def logo_objects(submitter):
    """An open logo application and a valid certificate of the submitter's organisation (the matrix's users
    all belong to it)."""
    from members.logo import lifecycle

    organisation = submitter.membership.organisation
    return {
        "logo_application": lifecycle.apply(organisation, "registrar", ["matrix.example"], submitter),
        "logo_certificate": logo_certificate(organisation),
    }


def logo_certificate(organisation):
    """A valid logo certificate of the matrix's organisation (members/logo), for the URLs with a number."""
    from datetime import timedelta

    from django.utils import timezone

    from members.logo.models import Certificate

    now = timezone.now()
    return Certificate.objects.create(
        number=f"{now.year}-0001",
        organisation=organisation,
        category="dns-hosting",
        zones=["alg13.test"],
        criteria_version="2026.1",
        state_since=now,
        issued_at=now,
        expires_at=now + timedelta(days=365),
        last_pass_at=now,
    )


def failure_reports(submitter):
    """A published report with an attachment, and a draft of the submitter's organisation."""
    import datetime

    from failures.management.commands.load_failure_reports import seed_categories
    from failures.models import Attachment, Category, FailureReport, Status

    seed_categories()
    reports = []
    for status in (Status.PUBLISHED, Status.DRAFT):
        report = FailureReport(
            organisation=submitter.membership.organisation,
            author=submitter,
            title_ja="署名の期限切れ",
            summary_ja="再署名が止まり、署名の有効期限が切れた。",
            symptoms_ja="<p>SERVFAIL が返った。</p>",
            incident_date=datetime.date(2024, 5, 1),
            category=Category.objects.get(slug="signature-expiry"),
            status=status,
        )
        report.finding_ids = ["rrsig_expired"]
        report.roles = ["registry"]
        report.save()
        reports.append(report)
    content = b"2024-05-01 09:30 SERVFAIL\n"
    attachment = Attachment.objects.create(
        report=reports[0],
        file=ContentFile(content, name="resolver.log"),
        original_name="resolver.log",
        kind="txt",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=submitter,
    )
    return reports[0], attachment, reports[1]


def sample_kwargs(name, route, objects, users):
    """Keyword arguments that reverse `name`: real ids where the view needs an object."""
    pk_by_namespace = {
        "wagtailsnippets_members_organisation": objects["organisation"].pk,
        "wagtailsnippetchoosers_members_organisation": objects["organisation"].pk,
        "wagtailsnippets_knowledge_glossaryterm": objects["glossary_term"].pk,
        "wagtailsnippetchoosers_knowledge_glossaryterm": objects["glossary_term"].pk,
        "wagtailusers_users": users["member"].pk,
        "members_membership": users["member"].membership.pk,
        "wagtailusers_groups": objects["group"].pk,
        "wagtailsites": objects["site"].pk,
        "wagtaillocales": objects["locale"].pk,
        "wagtailadmin_collections": objects["child_collection"].pk,
        "wagtailredirects": objects["redirect"].pk,
        "wagtailadmin_workflows": objects["workflow"].pk,
        "wagtailimages": objects["image"].pk,
        "wagtaildocs": objects["document"].pk,
    }
    namespace = name.split(":")[0] if ":" in name else ""
    values = {
        "page_id": objects["draft"].pk,
        "parent_page_id": objects["home"].pk,
        "page_to_move_id": objects["draft"].pk,
        "destination_id": objects["home"].pk,
        "page_pk": objects["draft"].pk,
        "image_id": objects["image"].pk,
        "document_id": objects["document"].pk,
        "doc_id": objects["document"].pk,
        "collection_id": objects["collection"].pk,
        "redirect_id": objects["redirect"].pk,
        "revision_id": objects["revision"].pk,
        "revision_id_a": objects["revision"].pk,
        "revision_id_b": objects["revision"].pk,
        "task_id": objects["task"].pk,
        "translation_id": objects["translation"].pk,
        "workflow_pk": objects["workflow"].pk,
        "pk": pk_by_namespace.get(namespace, 1),
        "slug": objects["organisation"].slug,
        "task_state_id": objects["task_state"].pk,
        "workflow_state_id": objects["workflow_state"].pk,
        "object_id": objects["organisation"].pk,
        "app_label": "members",
        "model_name": "organisation",
        "app_name": "members",
        "content_type_app_name": "wagtailcore",
        "content_type_model_name": "page",
        "action_name": "publish",
        "action": "publish",
        "filter_spec": "original",
        "mode": "form",
        "uidb64": "MQ",
        "token": "set-password",
        "document_filename": "matrix.pdf",
        "path": "",
        "signature": "x",
        "batch_id": "5f0c5c1e-6a35-4a8e-9d0b-3f1f7a0b2c4d",  # no such batch: a session is refused before the lookup
        "number": objects["logo_certificate"].number,  # a logo certificate's, 2026-0001
    }
    kwargs = {}
    for param in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route):
        param = param[0] or param[1]
        kwargs[param] = values.get(param, 1)
    if namespace == "wagtailadmin_pages":
        kwargs.update({k: v for k, v in PAGE_TYPE.items() if k in kwargs})
        if "pk" in kwargs:
            kwargs["pk"] = objects["draft"].pk
    if namespace == "wagtailadmin_workflows" and "app_label" in kwargs:
        kwargs.update(app_label="wagtailcore", model_name="groupapprovaltask")
    kwargs.update({k: v(objects) for k, v in OVERRIDES.get(name, {}).items()})
    return kwargs


PAGE_TYPE = {
    "app_label": "portal",
    "model_name": "homepage",
    "content_type_app_name": "portal",
    "content_type_model_name": "homepage",
}
OVERRIDES = {
    "knowledge:feed": {"kind": lambda o: "news"},
    "checker:run": {"run_id": lambda o: str(o["run"].public_id)},
    "resolvertest:result": {"public_id": lambda o: o["resolver_test_run"].public_id},
    "resolvertest:report": {"public_id": lambda o: o["resolver_test_run"].public_id},
    "checker_api:check_detail": {"run_id": lambda o: str(o["run"].public_id)},
    "checker:finding": {"finding_id": lambda o: "rrsig_expired"},
    "checker:history": {"domain": lambda o: "alg13.test"},
    "checker_api:domain_checks": {"domain": lambda o: "alg13.test"},
    "failures:detail": {"pk": lambda o: o["published_report"].pk},
    "campaigns_list": {"pk": lambda o: o["domain_list"].pk},
    "campaigns_campaign": {"pk": lambda o: o["campaign"].pk},
    "campaigns_download": {"pk": lambda o: o["campaign"].pk},
    "failures:attachment": {"pk": lambda o: o["published_report"].pk, "attachment_pk": lambda o: o["attachment"].pk},
    "failures:edit": {"pk": lambda o: o["draft_report"].pk},
    "failures:act": {"pk": lambda o: o["draft_report"].pk},
    # An organisation's service-status pages, asked by users of that organisation (the `users` of the matrix
    # belong to "matrix-member"); other organisations' users are refused there (tests/members/test_service_status.py).
    "members:status_manage": {"slug": lambda o: o["service_status"].organisation.slug},
    "members:status_create": {"slug": lambda o: o["service_status"].organisation.slug, "kind": lambda o: "registrar"},
    "members:status_edit": {
        "slug": lambda o: o["service_status"].organisation.slug,
        "pk": lambda o: o["service_status"].pk,
    },
    "members:status_delete": {
        "slug": lambda o: o["service_status"].organisation.slug,
        "pk": lambda o: o["service_status"].pk,
    },
    "wagtailcore_authenticate_with_password": {
        "page_view_restriction_id": lambda o: o["page_restriction"].pk,
        "page_id": lambda o: o["private"].pk,
    },
    "wagtaildocs_authenticate_with_password": {"restriction_id": lambda o: o["collection_restriction"].pk},
    "wagtail_bulk_action": {"app_label": lambda o: "wagtailcore", "model_name": lambda o: "page"},
    "wagtail_localize:convert_to_alias": {"page_id": lambda o: o["translation"].get_target_instance().pk},
    "wagtail_localize:update_translations": {"translation_source_id": lambda o: o["translation"].source_id},
    "wagtail_localize:snippets_api_detail": {
        "app_label": lambda o: "knowledge",
        "model_name": lambda o: "glossaryterm",
        "pk": lambda o: o["glossary_term"].pk,
    },
    "wagtail_localize:submit_snippet_translation": {
        "app_label": lambda o: "knowledge",
        "model_name": lambda o: "glossaryterm",
        "pk": lambda o: o["glossary_term"].pk,
    },
    "wagtailadmin_pages:convert_alias": {"page_id": lambda o: o["alias"].pk},
    "wagtailadmin_tag_model_autocomplete": {"app_name": lambda o: "taggit", "model_name": lambda o: "tag"},
    "wagtailadmin_api:pages:detail": {"pk": lambda o: o["live"].pk},
    "wagtailadmin_api:documents:detail": {"pk": lambda o: o["document"].pk},
    "wagtailadmin_api:images:detail": {"pk": lambda o: o["image"].pk},
    "wagtaildocs_chooser:chosen": {"pk": lambda o: o["document"].pk},
    "wagtailimages_chooser:chosen": {"pk": lambda o: o["image"].pk},
    # Only a live page can be unpublished.
    "wagtailadmin_pages:unpublish": {"page_id": lambda o: o["live"].pk},
    "wagtailadmin_pages:workflow_preview": {"task_id": lambda o: o["task_state"].task_id},
    # The approval task's own action: only its group (the reviewers) may take it.
    "wagtailadmin_pages:workflow_action": {"action_name": lambda o: "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": lambda o: "approve"},
    # Watched domains: the matrix's organisation's own (another organisation's answer 404, tests/watch/test_pages.py)
    **{f"watch:{name}": {"pk": lambda o: o["watched"].pk} for name in ("history", "update", "remove")},
    "watch:feed": {"token": lambda o: o["watched"].feed_token},
    # DNSSEC in Japan (campaigns/views.py): a finished campaign of a public list
    **{f"campaigns:{name}": {"pk": lambda o: o["campaign"].pk} for name in ("campaign", "bogus")},
    "campaigns:figures_download": {"pk": lambda o: o["campaign"].pk, "fmt": lambda o: "csv"},
    "campaigns:list": {"slug": lambda o: o["campaign"].domain_list.slug},
    "campaigns:trend_download": {"slug": lambda o: o["campaign"].domain_list.slug, "fmt": lambda o: "json"},
    # The logo programme's members' and reviewers' pages
    **{
        f"logo:{name}": {"pk": lambda o: o["logo_application"].pk}
        for name in ("application", "decide", "withdraw_application", "check_again")
    },
    **{
        f"logo:{name}": {"number": lambda o: o["logo_certificate"].number}
        for name in ("renew", "withdraw", "reinstate")
    },
}
# Patterns with unnamed groups take positional arguments.
POSITIONAL = {
    "wagtail_serve": lambda o: [o["draft"].url_path.split("/", 2)[2]],
    "wagtaildocs_serve": lambda o: [o["document"].pk, o["document"].filename],
}


def url_for(name, route, objects, users):
    query = QUERIES[name](objects) if name in QUERIES else ""
    if name in POSITIONAL:
        return reverse(name, args=POSITIONAL[name](objects)) + query
    return reverse(name, kwargs=sample_kwargs(name, route, objects, users)) + query


# Views that read their object from the query string.
QUERIES = {
    "translation_missing": lambda o: f"?page={o['live'].pk}",
    "wagtailadmin_block_preview": lambda o: "?id=" + next(iter(Block.definition_registry)),
    "wagtail_bulk_action": lambda o: f"?id={o['live'].pk}",
    "wagtailadmin_api:pages:find": lambda o: f"?id={o['live'].pk}",
    "wagtailadmin_api:documents:find": lambda o: f"?id={o['document'].pk}",
    "wagtailadmin_api:images:find": lambda o: f"?id={o['image'].pk}",
}


# Wagtail refuses by redirecting with one of these messages (wagtail.admin.auth), in the admin's language.
REFUSALS = ("Sorry, you do not have permission to access this area.", "You do not have permission to access the admin.")


def refusals():
    from django.conf import settings
    from django.utils import translation

    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.update(translation.gettext(text) for text in REFUSALS)
    return texts


def outcome(response, path):
    """'deny' when the response refuses: 401/403, a redirect to a login page, or Wagtail's refusal message.

    Anything else is 'allow': the view let the user past its permission checks,
    even when it then answers 404 (which, for an unprefixed admin path, the
    locale middleware turns into a redirect to /ja/admin/...) or 405 (GET on a POST view).
    """
    if response.status_code in (401, 403):
        return "deny"
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    texts = refusals()
    if any(text in str(message) for message in queued for text in texts):
        return "deny"
    if response.status_code in (301, 302, 303, 307, 308) and path not in LOGIN_PATHS:
        if response.url.split("?")[0] in LOGIN_PATHS:
            return "deny"
    return "allow"


def answer(response, path):
    """(status, location): a redirect from LocaleMiddleware to the same path under /ja/ is its way of
    answering 404 for an unprefixed path, so it counts as the 404 it hides."""
    location = response.get("Location")
    if response.status_code in (301, 302) and location and location.split("?")[0] == "/ja" + path.split("?")[0]:
        return 404, None
    return response.status_code, location
