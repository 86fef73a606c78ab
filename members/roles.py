"""The one table of roles: who may do what on the portal.

Every role's Wagtail group and Django permissions follow from ROLES. The
migration `0003_roles` applies it, and so does every later `migrate`
(post_migrate, see apps.py), so the permissions that later features add to
the table reach the groups without anyone setting them by hand in the admin.
A user's roles live on their Membership (a user may hold several: a member
who is also their organisation's administrator and a translator);
`apply_roles_to()` puts the user in exactly those roles' groups and sets the
staff and superuser flags from the table. Every way to make or change a user
ends there (members/signals.py), so a group or a flag set by hand anywhere
else does not stick.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Role(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous visitor")
    MEMBER = "member", _("Member user")
    ORG_ADMIN = "org-admin", _("Organisation administrator")
    REVIEWER = "reviewer", _("Reviewer (Tech-WG)")
    LOGO_REVIEWER = "logo-reviewer", _("Logo reviewer")
    EDITOR = "editor", _("Editor (Pub-WG and Tech-WG authors)")
    TRANSLATOR = "translator", _("Translator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Wagtail page permissions, granted on the root page (so on every site and locale).
PAGE_EDIT = ("add_page", "change_page", "lock_page", "unlock_page")
PAGE_PUBLISH = PAGE_EDIT + ("publish_page", "bulk_delete_page")
# Wagtail collection permissions, granted on the root collection.
MEDIA_EDIT = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

# Member organisations (snippets), with their domains.
ORGANISATION_EDIT = ("members.add_organisation", "members.change_organisation", "members.view_organisation")

# The "DNSSEC enabled" logo's applications (members/logo).
REVIEW_LOGO = "members.review_application"

# Glossary terms (knowledge.GlossaryTerm snippets): written and translated by the editors, reviewers and
# translators; removing one stays with the administrators.
GLOSSARY_EDIT = ("knowledge.add_glossaryterm", "knowledge.change_glossaryterm", "knowledge.view_glossaryterm")

# Volunteers' applications to translate (members/volunteers.py).
REVIEW_VOLUNTEERS = "members.review_translatorapplication"


@dataclass(frozen=True)
class RoleDefinition:
    role: Role
    group: str | None  # None: the role has no group (anonymous visitors)
    staff: bool = False  # uses Wagtail's admin; bounded staff sessions (docs/RELIABILITY.md, S11)
    superuser: bool = False
    needs_organisation: bool = False  # held only by a user who belongs to an organisation
    permissions: tuple[str, ...] = ()  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    # Group names Wagtail's own migrations created that this role takes over.
    replaces: tuple[str, ...] = field(default=())


ROLES = (
    RoleDefinition(Role.ANONYMOUS, group=None),
    RoleDefinition(Role.MEMBER, group="Members", needs_organisation=True),
    # Keeps their own organisation's entry, domains and colleagues (object-level rights, members.permissions).
    RoleDefinition(Role.ORG_ADMIN, group="Organisation administrators", needs_organisation=True),
    RoleDefinition(
        Role.REVIEWER,
        group="Reviewers",
        staff=True,
        permissions=(
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            *GLOSSARY_EDIT,
            # The Tech-WG decides who translates for it.
            REVIEW_VOLUNTEERS,
        ),
        page_permissions=PAGE_PUBLISH,
        collection_permissions=MEDIA_EDIT,
        # Wagtail's default "Moderators" group is the one its default
        # approval workflow asks; the Tech-WG reviewers are those moderators.
        replaces=("Moderators",),
    ),
    # Approves or rejects logo applications on the portal's own review page (members/logo), no Wagtail admin.
    RoleDefinition(Role.LOGO_REVIEWER, group="Logo reviewers", permissions=(REVIEW_LOGO,)),
    RoleDefinition(
        Role.EDITOR,
        group="Editors",
        staff=True,
        permissions=(
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            # The Pub-WG keeps the member directory and confirms its 要確認 entries; removing an organisation
            # stays with the administrators.
            *ORGANISATION_EDIT,
            *GLOSSARY_EDIT,
        ),
        page_permissions=PAGE_EDIT,
        collection_permissions=MEDIA_EDIT,
    ),
    # A volunteer whose application the Tech-WG approved (members/volunteers.py): translates pages and glossary
    # terms in the admin. Page edits are drafts; what they finish goes to the Tech-WG review (knowledge/localize.py).
    RoleDefinition(
        Role.TRANSLATOR,
        group="Translators",
        staff=True,
        permissions=("wagtailadmin.access_admin", "wagtail_localize.submit_translation", *GLOSSARY_EDIT),
        page_permissions=PAGE_EDIT,
        collection_permissions=MEDIA_EDIT,  # a figure with text is translated too
    ),
    RoleDefinition(
        Role.ADMINISTRATOR,
        group="Administrators",
        staff=True,
        superuser=True,
        permissions=("wagtailadmin.access_admin",),
    ),
)
# Permissions that only another app's migration creates (not a model's Meta),
# so that a database flushed by a test gets them back: (app_label, model, codename, name).
MIGRATION_PERMISSIONS = (("wagtail_localize", "translation", "submit_translation", "Can submit translations"),)

BY_ROLE = {definition.role: definition for definition in ROLES}
STAFF_ROLES = frozenset(d.role for d in ROLES if d.staff)
ROLE_GROUPS = frozenset(d.group for d in ROLES if d.group)
# The roles a user can be given (every one but the anonymous visitor), in the table's order.
ASSIGNABLE = tuple(d.role for d in ROLES if d.group is not None)
ASSIGNABLE_CHOICES = [(role.value, role.label) for role in ASSIGNABLE]


def definition(role) -> RoleDefinition:
    return BY_ROLE[Role(role)]


def in_order(roles) -> list[Role]:
    """`roles` (values or Role members) as Role members, once each, in the table's order."""
    held = {Role(role) for role in roles}
    return [role for role in ASSIGNABLE if role in held]


def labels(roles) -> str:
    """The roles' names in the table's order, as a list a reader of the active language reads."""
    return pgettext("list separator", ", ").join(str(role.label) for role in in_order(roles))


BY_GROUP = {d.group: d.role for d in ROLES if d.group}


def group_label(name: str) -> str:
    """What a reader sees for a group: its role's name in the active language ("Reviewers" is 査読者（技術検証WG）
    to a Japanese editor choosing who may read a private page); a group made outside the table, its own name."""
    role = BY_GROUP.get(name)
    return str(role.label) if role else name


def groups_for(roles) -> set[str]:
    return {definition(role).group for role in roles if definition(role).group}


def flags_for(roles) -> tuple[bool, bool]:
    """(is_staff, is_superuser) of a user holding `roles`."""
    held = [definition(role) for role in roles]
    return any(d.staff for d in held), any(d.superuser for d in held)


def apply_roles(apps):
    """Create or update every role's group and its permissions from ROLES.

    `apps` is a migration's historical registry or django.apps.apps; the
    permissions are created first, since Django otherwise creates them only
    after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's app configs have no models_module, and create_permissions skips those.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model, codename, name in MIGRATION_PERMISSIONS:
        content_type = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    def permission(dotted):
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    def existing(dotted):
        """None for a permission of a model that a later migration adds: an early migration runs this before
        it exists, and post_migrate runs it again once every model does."""
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()

    for role in ROLES:
        if role.group is None:
            continue
        group = Group.objects.filter(name=role.group).first()
        if group is None:
            group = Group.objects.filter(name__in=role.replaces).first()
            if group is not None:
                group.name = role.group
                group.save()
            else:
                group = Group.objects.create(name=role.group)
        group.permissions.set([p for p in map(existing, role.permissions) if p is not None])

        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(group=group, page=root_page, permission=permission(f"wagtailcore.{codename}"))
                for codename in role.page_permissions
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(group=group, collection=root_collection, permission=permission(p))
                for p in role.collection_permissions
            )
