"""A campaign's figures: the one aggregate the statistics pages, their charts and downloads draw.

`compute(campaign)` reads the campaign's `batches.BatchName` rows in two queries, grouped in the database by
the columns the figures count (verdict, error, algorithms, DS digest types, the denial's type, iterations,
salt length and opt-out, the name servers' operator and the name's member category), so a campaign of a million
names returns a few thousand groups, never its rows. The result is plain JSON (`FIGURES_VERSION`), kept on the
campaign (`Campaign.figures`) when its batch is done.

What is counted:

- `total`: the names of the campaign; `checked`: those with a result; `errors`: checked names that could not be
  measured (`BatchName.error`: the engine gave up, the name does not exist…); `measured` = checked - errors.
  Every share is of `measured`.
- `verdicts`: secure, insecure, bogus, indeterminate (any other verdict counts as indeterminate).
- `signed`: names whose zone publishes a DNSKEY (at least one algorithm), with or without a DS at the parent;
  `with_ds`: names whose parent holds a DS for the zone.
- `algorithms`, `ds_digest_types`: names per DNSKEY algorithm and per DS digest type (a zone with two counts in
  both); `denial`: signed names by NSEC, NSEC3 or none seen; `nsec3_iterations`, `nsec3_salt_lengths` (in
  octets) among the NSEC3 names; `nsec3_opt_out`: NSEC3 names whose NSEC3 records the check saw opt out, and
  `nsec3_opt_out_unknown`: those whose NSEC3 records it did not see (a light check asks no name that does not
  exist, and the NSEC3PARAM never tells).
- `operators`: the same block per DNS operator (`BatchName.ns_operator`, the registrable domains of the zone's
  name servers; a zone served by two operators is its own entry "a.jp, b.jp"), the `TOP_OPERATORS` largest by
  names, then `other_operators` (their sum and how many they are). Names without a known operator are "".
- Member categories, two ways, each a list of blocks by `members.Organisation.Category`:
  `categories` counts a name for the category of the member it belongs to, as its list knows it
  (`DomainListEntry.organisation`, set by the derived lists: members' verified domains, certified zones);
  names without one count as `NOT_A_MEMBER` (an uploaded list knows nobody). `operator_categories` counts a
  name for the category of the member that operates its DNS: the member one of whose verified domains
  (`members.Domain`) is the name's operator (`ns_operator`, or one of its comma-separated parts); otherwise
  `NOT_A_MEMBER`. The public pages show categories only, never a member's name.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Length

FIGURES_VERSION = 2  # 2: opt-out as the NSEC3 records showed it, and the NSEC3 names where none were seen
TOP_OPERATORS = 20
VERDICTS = ("secure", "insecure", "bogus", "indeterminate")
DENIALS = ("nsec", "nsec3", "none")
NOT_A_MEMBER = ""


def empty_block() -> dict:
    return {
        "total": 0,
        "checked": 0,
        "errors": 0,
        "measured": 0,
        "verdicts": dict.fromkeys(VERDICTS, 0),
        "signed": 0,
        "with_ds": 0,
        "algorithms": {},
        "ds_digest_types": {},
        "denial": dict.fromkeys(DENIALS, 0),
        "nsec3_iterations": {},
        "nsec3_salt_lengths": {},
        "nsec3_opt_out": 0,
        "nsec3_opt_out_unknown": 0,
    }


def _add_counts(into: dict, counts: dict) -> None:
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


def merge(into: dict, block: dict) -> dict:
    """Adds `block`'s counts to `into` (both blocks of empty_block()'s shape)."""
    for key, value in block.items():
        if isinstance(value, dict):
            _add_counts(into[key], value)
        else:
            into[key] += value
    return into


def _salt_octets(length) -> int:
    """The salt's length in octets from its presentation's length ("-" or "" for none, else hex)."""
    return 0 if not length or length <= 1 else length // 2


def _add_group(block: dict, group: dict) -> None:
    count = group["n"]
    block["checked"] += count
    if group["error"]:
        block["errors"] += count
        return
    block["measured"] += count
    verdict = group["verdict"] if group["verdict"] in VERDICTS else "indeterminate"
    block["verdicts"][verdict] += count
    algorithms = group["algorithms"] or []
    if algorithms:
        block["signed"] += count
    if group["ds_digest_types"]:
        block["with_ds"] += count
    for algorithm in algorithms:
        block["algorithms"][str(algorithm)] = block["algorithms"].get(str(algorithm), 0) + count
    for digest in group["ds_digest_types"] or []:
        block["ds_digest_types"][str(digest)] = block["ds_digest_types"].get(str(digest), 0) + count
    if not algorithms:
        return
    denial = group["denial_type"] if group["denial_type"] in ("nsec", "nsec3") else "none"
    block["denial"][denial] += count
    if denial == "nsec3":
        iterations = "" if group["iterations"] is None else str(group["iterations"])  # text or a number
        iterations = iterations if iterations.isdigit() else "?"
        salt = str(_salt_octets(group["salt_length"]))
        block["nsec3_iterations"][iterations] = block["nsec3_iterations"].get(iterations, 0) + count
        block["nsec3_salt_lengths"][salt] = block["nsec3_salt_lengths"].get(salt, 0) + count
        opt_out = group["opt_out"]  # JSON true/false/null: "true"/"false"/NULL on PostgreSQL, 1/0/"null" on SQLite
        if opt_out in (None, "null"):
            block["nsec3_opt_out_unknown"] += count
        elif str(opt_out).lower() in ("true", "1"):
            block["nsec3_opt_out"] += count


def _sorted_counts(block: dict) -> dict:
    """Count mappings with numeric keys in numeric order (JSON keeps the order)."""
    for key in ("algorithms", "ds_digest_types", "nsec3_iterations", "nsec3_salt_lengths"):
        block[key] = dict(
            sorted(
                block[key].items(), key=lambda item: (not item[0].isdigit(), int(item[0]) if item[0].isdigit() else 0)
            )
        )
    return block


def operator_members(operators) -> dict[str, str]:
    """operator text -> the category of the member one of whose verified domains is (a part of) it."""
    from members.models import Domain

    parts = {part.strip() for operator in operators for part in operator.split(",") if part.strip()}
    owners = dict(Domain.objects.filter(verified=True, name__in=parts).values_list("name", "organisation__category"))
    found = {}
    for operator in operators:
        for part in operator.split(","):
            if part.strip() in owners:
                found[operator] = owners[part.strip()]
                break
    return found


def compute(campaign) -> dict:
    """The figures of `campaign` (see the module's docstring); an empty campaign gives zeros, never an error."""
    from batches.models import BatchName

    from .models import DomainListEntry

    figures = {"version": FIGURES_VERSION, **empty_block()}
    figures.update(operators=[], other_operators={"operators": 0, **empty_block()}, categories=[])
    figures["operator_categories"] = []
    if campaign.batch_id is None:
        return figures
    names = BatchName.objects.filter(batch_id=campaign.batch_id)
    figures["total"] = names.count()
    category = DomainListEntry.objects.filter(domain_list_id=campaign.domain_list_id, domain=OuterRef("domain")).values(
        "organisation__category"
    )[:1]
    groups = (
        names.filter(checked_at__isnull=False)
        .annotate(
            denial_type=KT("denial__type"),
            iterations=KT("denial__iterations"),
            salt_length=Length(KT("denial__salt")),
            opt_out=KT("denial__opt_out"),
            category=Subquery(category),
        )
        .values(
            "verdict",
            "error",
            "algorithms",
            "ds_digest_types",
            "denial_type",
            "iterations",
            "salt_length",
            "opt_out",
            "ns_operator",
            "category",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_operator, by_category, by_operator_category = {}, {}, {}
    for group in groups.iterator(chunk_size=2000):
        _add_group(figures, group)
        _add_group(by_operator.setdefault(group["ns_operator"], empty_block()), group)
        _add_group(by_category.setdefault(group["category"] or NOT_A_MEMBER, empty_block()), group)
    member_of = operator_members(by_operator)
    for operator, block in by_operator.items():
        merge(by_operator_category.setdefault(member_of.get(operator, NOT_A_MEMBER), empty_block()), block)
    for block in (*by_operator.values(), *by_category.values(), *by_operator_category.values()):
        block["total"] = block["checked"]  # a group's names are the checked ones: unchecked have no operator yet
    ranked = sorted(by_operator.items(), key=lambda item: (-item[1]["checked"], item[0]))
    figures["operators"] = [
        {"operator": operator, "member_category": member_of.get(operator, NOT_A_MEMBER), **_sorted_counts(block)}
        for operator, block in ranked[:TOP_OPERATORS]
    ]
    other = figures["other_operators"]
    for _operator, block in ranked[TOP_OPERATORS:]:
        other["operators"] += 1
        merge(other, block)
    _sorted_counts(other)
    figures["categories"] = _category_list(by_category)
    figures["operator_categories"] = _category_list(by_operator_category)
    return _sorted_counts(figures)


def _category_list(blocks: dict) -> list[dict]:
    """Blocks by category, in the order of Organisation.Category, "not a member" last."""
    from members.models import Organisation

    order = [*Organisation.Category.values, NOT_A_MEMBER]
    return [
        {"category": key, **_sorted_counts(blocks[key])}
        for key in sorted(blocks, key=lambda key: order.index(key) if key in order else len(order))
    ]


def share(count: int, whole: int) -> float | None:
    """count / whole, or None when there is nothing to share."""
    return count / whole if whole else None
