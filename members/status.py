"""The service-status registry: who sees which entries, the filters and sort orders, the rows as the table and
the CSV show them, the per-quarter counts, and the organisation's history as its users read it."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import ServiceKind, ServiceStatus, ServiceStatusChange
from members.permissions import roles_of
from portal import charts, kana, languages

SORTS = {
    "kind": gettext_lazy("By service"),
    "name": gettext_lazy("By name or letter"),
    "since": gettext_lazy("Earliest start first"),
    "-since": gettext_lazy("Latest start first"),
}
KIND_ORDER = {value: index for index, value in enumerate(ServiceKind.values)}
START_ORDER = {value: index for index, value in enumerate(ServiceStatus.Start.values)}


def visible_entries(user):
    """The entries `user` may see in the registry: the public ones, and the members-only ones for any signed-in
    user with a role (a member organisation's user or the secretariat's staff)."""
    shown = [ServiceStatus.Visibility.NAMED, ServiceStatus.Visibility.ANONYMOUS]
    if roles_of(user):
        shown.append(ServiceStatus.Visibility.MEMBERS)
    return ServiceStatus.objects.filter(visibility__in=shown).select_related("organisation")


@dataclass
class Filters:
    """The table's filters and sort order from the query string; a value that is not a choice counts as unset."""

    kind: str = ""
    key_owner: str = ""
    fee: str = ""
    start: str = ""
    sort: str = "kind"

    CHOICES = {
        "kind": ServiceKind,
        "key_owner": ServiceStatus.KeyOwner,
        "fee": ServiceStatus.Fee,
        "start": ServiceStatus.Start,
    }

    @classmethod
    def from_query(cls, query):
        chosen = {name: query.get(name, "") for name in cls.CHOICES if query.get(name, "") in cls.CHOICES[name].values}
        sort = query.get("sort", "")
        return cls(**chosen, sort=sort if sort in SORTS else "kind")

    def apply(self, entries):
        return entries.filter(**{name: getattr(self, name) for name in self.CHOICES if getattr(self, name)})

    def query_string(self):
        """The filters as a query string, for the CSV link ("" when nothing is chosen)."""
        pairs = [(name, getattr(self, name)) for name in (*self.CHOICES, "sort") if getattr(self, name)]
        pairs = [(name, value) for name, value in pairs if not (name == "sort" and value == "kind")]
        return "?" + urlencode(pairs) if pairs else ""

    def fields(self):
        """[(name, label, [(value, label)], chosen)] for the filter form."""
        labels = {
            "kind": _("Service"),
            "key_owner": _("Owner of the keys"),
            "fee": _("Fee"),
            "start": _("Start"),
        }
        return [(name, labels[name], list(self.CHOICES[name].choices), getattr(self, name)) for name in self.CHOICES]


def month_text(month: date) -> str:
    """A month as the page's language writes it: 2011年3月, March 2011."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


@dataclass
class Row:
    """One entry as the table and the CSV show it. An anonymous entry carries its letter and nothing that names
    its organisation."""

    entry: ServiceStatus
    provider: str
    provider_language: str
    anonymous: bool
    members_only: bool
    kind: str
    style: str
    key_owner: str
    fee: str
    start: str
    month: str
    since: str
    sort_name: tuple = field(repr=False)
    # The organisation's current logo certificate of this kind (members.logo), never on an anonymous entry:
    # its page names the organisation.
    certificate: object = None

    @property
    def organisation(self):
        """The organisation of a named entry, for its link (None for an anonymous one)."""
        return None if self.anonymous else self.entry.organisation


def since_text(entry) -> str:
    if entry.start == ServiceStatus.Start.STARTED:
        return month_text(entry.since)
    if entry.start == ServiceStatus.Start.PLANNED:
        return _("Planned (%(month)s)") % {"month": month_text(entry.since)} if entry.since else _("Planned")
    return _("To be decided")


def row_of(entry) -> Row:
    anonymous = entry.visibility == ServiceStatus.Visibility.ANONYMOUS
    if anonymous:
        provider, provider_language = _("Member %(letter)s") % {"letter": entry.letter}, translation.get_language()
        sort_name = (1, len(entry.letter), entry.letter)
    else:
        shown = entry.organisation.shown_name()
        provider, provider_language = shown.text, shown.language
        if languages.model_language() == "ja":
            sort_name = (0, *kana.sort_key(entry.organisation.sort_text()))
        else:
            sort_name = (0, shown.text.casefold())
    return Row(
        entry=entry,
        provider=provider,
        provider_language=provider_language,
        anonymous=anonymous,
        members_only=entry.visibility == ServiceStatus.Visibility.MEMBERS,
        kind=entry.get_kind_display(),
        style=entry.get_service_style_display() or entry.get_validation_display(),
        key_owner=entry.get_key_owner_display(),
        fee=entry.get_fee_display(),
        start=entry.get_start_display(),
        month=entry.since.strftime("%Y-%m") if entry.since else "",
        since=since_text(entry),
        sort_name=sort_name,
    )


def sorted_rows(entries, sort: str) -> list[Row]:
    rows = [row_of(entry) for entry in entries]
    if sort == "name":
        return sorted(rows, key=lambda r: (r.sort_name, KIND_ORDER[r.entry.kind]))
    if sort in ("since", "-since"):
        # Started services by month (earliest or latest first), then the planned ones by month, then those to be
        # decided; the name breaks ties.
        started = sorted(
            (r for r in rows if r.entry.start == ServiceStatus.Start.STARTED),
            key=lambda r: r.sort_name,
        )
        started.sort(key=lambda r: r.entry.since, reverse=sort == "-since")
        rest = sorted(
            (r for r in rows if r.entry.start != ServiceStatus.Start.STARTED),
            key=lambda r: (START_ORDER[r.entry.start], r.entry.since or date.max, r.sort_name),
        )
        return started + rest
    return sorted(rows, key=lambda r: (KIND_ORDER[r.entry.kind], r.sort_name))


def csv_bytes(rows: list[Row]) -> bytes:
    """The rows as CSV in UTF-8 with a byte order mark (so that Excel reads the Japanese), headers in the
    page's language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            _("Provider"),
            _("Service"),
            _("Service style or validation"),
            _("Owner of the keys"),
            _("Fee"),
            _("Start"),
            _("Month"),
        ]
    )
    for row in rows:
        writer.writerow([row.provider, row.kind, row.style, row.key_owner, row.fee, row.start, row.month])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def quarter_label(year: int, quarter: int) -> str:
    return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}


def started_per_quarter(rows: list[Row]) -> list[tuple[str, int]]:
    """[(quarter, services started in it)] from the first quarter with a start to the last, empty ones included."""
    months = [row.entry.since for row in rows if row.entry.start == ServiceStatus.Start.STARTED]
    return charts.per_quarter(months, quarter_label)


@dataclass
class HistoryLine:
    """One change as the organisation's users read it: the values after it, and which of them it changed."""

    change: ServiceStatusChange
    kind: str
    values: list  # [(label, text, changed)]


def history_lines(changes) -> list[HistoryLine]:
    """The organisation's changes, newest first, each with its values and what differs from the entry's previous
    record."""
    changes = list(changes)
    previous = {}
    lines = []
    for change in sorted(changes, key=lambda c: (c.at, c.pk)):
        before = previous.get(change.entry_number)
        values = []
        for name in ("service_style", "validation", "key_owner", "fee", "start", "since", "visibility", "letter"):
            value = change.values.get(name, "")
            if not value and not (before and before.get(name)):
                continue
            changed = (
                before is not None
                and change.action == ServiceStatusChange.Action.CHANGED
                and before.get(name, "") != value
            )
            values.append((field_label(name), value_text(name, value), changed))
        lines.append(HistoryLine(change, ServiceKind(change.values["kind"]).label, values))
        previous[change.entry_number] = change.values
    return lines[::-1]


def field_label(name: str) -> str:
    return str(ServiceStatus._meta.get_field(name).verbose_name)


def value_text(name: str, value: str) -> str:
    """A recorded value as its label (a choice), its month (a date) or "—" (empty)."""
    if not value:
        return "—"
    if name == "since":
        return month_text(date.fromisoformat(value))
    if name == "letter":
        return value
    choices = dict(ServiceStatus._meta.get_field(name).choices)
    return str(choices.get(value, value))
