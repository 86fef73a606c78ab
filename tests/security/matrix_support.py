"""Helpers of the permission matrix: every URL name of the project, sample arguments, outcomes."""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image as PILImage

ROLES = ("anonymous", "member", "reviewer", "editor", "administrator")
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
    from django.contrib.auth.models import Group
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection, Locale, Page, Site, Task, Workflow

    from members.models import Organisation

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
        "child_collection": Collection.get_first_root_node().add_child(name="matrix"),
        "redirect": Redirect.objects.create(old_path="/matrix-old", redirect_link="https://example.jp/"),
        "site": Site.objects.first(),
        "locale": Locale.objects.first(),
        "group": Group.objects.first(),
        "workflow": Workflow.objects.first(),
        "task": Task.objects.first(),
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
    }


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
    # Only a live page can be unpublished.
    "wagtailadmin_pages:unpublish": {"page_id": lambda o: o["live"].pk},
    "wagtailadmin_pages:workflow_preview": {"task_id": lambda o: o["task_state"].task_id},
    # The approval task's own action: only its group (the reviewers) may take it.
    "wagtailadmin_pages:workflow_action": {"action_name": lambda o: "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": lambda o: "approve"},
}
# Patterns with unnamed groups take positional arguments.
POSITIONAL = {
    "wagtail_serve": lambda o: [o["draft"].url_path.split("/", 2)[2]],
    "wagtaildocs_serve": lambda o: [o["document"].pk, o["document"].filename],
}


def url_for(name, route, objects, users):
    if name in POSITIONAL:
        return reverse(name, args=POSITIONAL[name](objects))
    return reverse(name, kwargs=sample_kwargs(name, route, objects, users))


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
