"""Demo content that is loaded once and then belongs to the editors.

Every app loads its own demo data with its own command (portal's
`load_initial_data`, which calls the others, members' `load_members_data`,
knowledge's `load_knowledge_data`, failures' `load_failure_reports`), and each
hands every demo object to `DemoContent.load()` under a stable key and a
content version. A `portal.DemoRecord` remembers what was loaded. The rule:

* never loaded (no record, no object): the object is created and recorded
  with its version and a fingerprint of its fields as loaded;
* loaded, and the demo data's version of the item is not newer: the object is
  left alone, whatever an editor has made of it;
* loaded, and the demo data carries a newer version (the project improved that
  item and bumped its number: the versioned update step): the object is updated
  only if its fingerprint still equals the recorded one, that is nobody has
  changed it since it was loaded; an edited object is left alone for good;
* loaded and since deleted (the record remains, the object is gone): it is not
  created again;
* already there without a record (a database loaded before records were kept,
  or an editor's own object under the item's natural key): it is recorded as
  found and never overwritten, since nobody can tell whether it was edited.

The fingerprint covers every concrete field of the object except its primary
key and automatic timestamps (for a page: its own fields plus the title, slug,
locale, live state and latest revision, so any edit or draft saved in Wagtail's
admin counts) and the related rows the loader names.
"""

import hashlib
import json
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from wagtail.models import Page

from portal.models import DemoRecord

# Of the fields every page has, those that an editor's change shows in.
PAGE_FIELDS = {
    "title",
    "slug",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "latest_revision_id",
    "go_live_at",
    "expire_at",
}

OUTCOMES = {
    "created": "created",
    "updated": "updated to a newer version",
    "kept": "kept",
    "edited": "not updated to a newer version (changed since they were loaded)",
    "found": "found without a record (never overwritten)",
    "deleted": "deleted by an editor (not created again)",
    "skipped": "not created (what they belong to is gone)",
}


def field_values(obj, skip=()):
    """{attname: stored value as text} of the object's concrete fields but its primary key, automatic
    timestamps and the fields named in `skip` (for a page: its own fields and PAGE_FIELDS)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.name in skip:
            continue
        if isinstance(obj, Page) and field.model is Page and field.attname not in PAGE_FIELDS:
            continue
        values[field.attname] = field.value_to_string(obj)
    return values


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def fingerprint(obj, related=None):
    """A hash of the object's fields as stored, and of the named related rows ({manager: (field, ...)})."""
    model = type(obj)
    obj = model._default_manager.get(pk=obj.pk)
    try:
        # The original field of a translated one reads the active language's value: its _ja/_en fields count instead.
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    values = field_values(obj, skip=translated)
    for name, fields in (related or {}).items():
        values[name] = [[str(getattr(item, f)) for f in fields] for item in getattr(obj, name).order_by("pk")]
    return digest(values)


def keep_fingerprints_after_new_fields(apps, app_label, model_name, new_fields, translated=()):
    """For a migration that adds `new_fields` to a model whose objects the demo loaders record.

    A new column changes every object's fingerprint, and the loader would then take each one for edited and
    never give it the new field's value. A record whose fingerprint matches the object without the new
    columns (nobody has edited it) gets the fingerprint with them; an edited object stays edited. Works on a
    migration's historical models; `translated` names the model's modeltranslation fields (their _ja and _en
    columns count, as in `fingerprint`). Not for pages.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
    if content_type is None:
        return
    translated = set(translated)
    objects = apps.get_model(app_label, model_name)._default_manager.in_bulk()
    for record in apps.get_model("portal", "DemoRecord").objects.filter(content_type=content_type, found=False):
        obj = objects.get(record.object_id)
        if obj is not None and record.fingerprint == digest(field_values(obj, skip=translated | set(new_fields))):
            record.fingerprint = digest(field_values(obj, skip=translated))
            record.save(update_fields=["fingerprint"])


class DemoContent:
    """One loader's run: `load()` each demo object, then `summary()`."""

    def __init__(self, app_label):
        self.app_label = app_label
        self.records = {r.key: r for r in DemoRecord.objects.filter(app_label=app_label).select_related("content_type")}
        self.counts = Counter()
        self.edited = []

    def load(self, key, build, find=None, version=1, related=None):
        """The demo object under `key`, created or updated by the rule in this module's docstring.

        `build(obj)` creates (`obj` is None) or updates the object from the
        demo data, saves it and returns it, or returns None when it cannot be
        made (what it belongs to is gone). `find()` returns an object already
        in the database under the item's natural key, or None. `related` names
        related rows that belong to the object ({manager: (field, ...)}).
        Returns the object as it stands, or None when there is none.
        """
        record = self.records.get(key)
        if record is None:
            obj = find() if find else None
            if obj is not None:
                self.counts["found"] += 1
                self._record(key, obj, version, related, found=True)
                return obj
            obj = build(None)
            if obj is None:
                self.counts["skipped"] += 1
                return None
            self.counts["created"] += 1
            self._record(key, obj, version, related)
            return obj
        obj = record.target()
        if obj is None:
            self.counts["deleted"] += 1
            return None
        if version <= record.version:
            self.counts["kept"] += 1
            return obj
        if record.found or fingerprint(obj, related) != record.fingerprint:
            self.counts["edited"] += 1
            self.edited.append((key, "found without a record" if record.found else "changed by an editor"))
            return obj
        obj = build(obj)
        record.version = version
        record.fingerprint = fingerprint(obj, related)
        record.updated_at = timezone.now()
        record.save(update_fields=["version", "fingerprint", "updated_at"])
        self.counts["updated"] += 1
        return obj

    def _record(self, key, obj, version, related, found=False):
        if isinstance(obj, Page):
            obj = obj.specific
        self.records[key] = DemoRecord.objects.create(
            app_label=self.app_label,
            key=key,
            version=version,
            fingerprint="" if found else fingerprint(obj, related),
            found=found,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )

    def summary(self):
        """One line, e.g. "Demo records (knowledge): 3 created, 40 kept."; the keys of edited objects follow at
        verbosity 2."""
        parts = [f"{self.counts[name]} {label}" for name, label in OUTCOMES.items() if self.counts[name]]
        return f"Demo records ({self.app_label}): {', '.join(parts) or 'none'}."

    def report(self, command, verbosity):
        """Write the summary to a management command's output (nothing at verbosity 0)."""
        if verbosity >= 1:
            command.stdout.write(self.summary())
        if verbosity >= 2:
            for key, reason in self.edited:
                command.stdout.write(f"  {key}: {reason}, version {self.records[key].version} kept")
