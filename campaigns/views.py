"""DNSSEC in Japan (`/<lang>/stats/`): the public statistics of the campaigns, drawn from their figures.

Only finished campaigns of public lists are shown (`Campaign.figures`, campaigns.figures); every chart is SVG
drawn here (portal.charts) with a table of its numbers under it. The bogus names of a campaign are for signed-in
members only, each with a link to a full check.
"""

import csv
import io
import json

import dns.dnssec
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from checker import catalog
from checker.engine.report import DIGEST_NAMES
from members.models import Organisation
from members.permissions import organisation_of
from portal import charts, languages

from . import figures as figures_module
from .models import Campaign, DomainList

VERDICTS = figures_module.VERDICTS
DENIAL_COLOURS = {"nsec": "#1f6feb", "nsec3": "#8250df", "none": "#8c959f"}
SIGNED_COLOUR = "#0969da"
BOGUS_PER_PAGE = 100


def finished(queryset=None):
    """Finished campaigns of public lists, newest first."""
    queryset = Campaign.objects.all() if queryset is None else queryset
    return (
        queryset.filter(domain_list__public=True, finished_at__isnull=False)
        .exclude(figures={})
        .select_related("domain_list")
        .order_by("-created_at")
    )


def _opt_out(data: dict, nsec3: int) -> dict:
    """Opt-out among the NSEC3 names whose NSEC3 records the checks saw (figures before version 2 took it from the
    NSEC3PARAM's flags, which never show it: none seen)."""
    seen = nsec3 - data.get("nsec3_opt_out_unknown", nsec3)
    count = data["nsec3_opt_out"] if seen else 0
    return {"count": count, "seen": seen, "share": _percent(count, seen)}


def _percent(count, whole) -> str:
    return "—" if not whole else f"{100 * count / whole:.1f} %"


def _date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def verdict_labels(language) -> list[tuple[str, str]]:
    return [(catalog.verdict_label(verdict, language), charts.VERDICT_COLOURS[verdict]) for verdict in VERDICTS]


def denial_labels() -> dict[str, str]:
    return {"nsec": "NSEC", "nsec3": "NSEC3", "none": _("No denial of existence seen")}


def category_label(category: str) -> str:
    if category == figures_module.NOT_A_MEMBER:
        return _("Not a member's")
    return str(dict(Organisation.Category.choices).get(category, category))


def operator_label(operator: str) -> str:
    return operator or _("Operator not known")


def algorithm_label(number: str) -> str:
    if not number.isdigit():
        return number
    return f"{number} {dns.dnssec.algorithm_to_text(int(number))}"


def digest_label(number: str) -> str:
    return f"{number} {DIGEST_NAMES[int(number)]}" if number.isdigit() and int(number) in DIGEST_NAMES else number


def _verdict_cells(block) -> list[dict]:
    measured = block["measured"]
    return [
        {"count": block["verdicts"][verdict], "share": _percent(block["verdicts"][verdict], measured)}
        for verdict in VERDICTS
    ]


def _group_rows(blocks, label_of) -> list[dict]:
    """A table row per block (an operator, a category): its names, errors, verdict shares, signed, NSEC3."""
    return [
        {
            "label": label_of(block),
            "checked": block["checked"],
            "errors": block["errors"],
            "verdicts": _verdict_cells(block),
            "signed": _percent(block["signed"], block["measured"]),
            "nsec3": _percent(block["denial"]["nsec3"], block["signed"]),
        }
        for block in blocks
    ]


def _count_rows(counts: dict, whole: int, label_of) -> list[dict]:
    return [{"label": label_of(key), "count": count, "share": _percent(count, whole)} for key, count in counts.items()]


def _bar(rows, title):
    return charts.responsive_bar_chart([(row["label"], row["count"]) for row in rows], title) if rows else ""


def _group_chart(rows, title, language):
    if not rows:
        return ""
    return charts.shares(
        [(row["label"], [cell["count"] for cell in row["verdicts"]]) for row in rows], verdict_labels(language), title
    )


def campaign_context(campaign, language) -> dict:
    """Everything the campaign page shows, from its figures."""
    data = campaign.figures
    measured, signed = data["measured"], data["signed"]
    verdict_rows = [
        {"label": catalog.verdict_label(verdict, language), **cell}
        for verdict, cell in zip(VERDICTS, _verdict_cells(data), strict=True)
    ]
    signed_rows = [
        {"label": _("Signed (the zone publishes DNSKEY)"), "count": signed, "share": _percent(signed, measured)},
        {"label": _("With a DS at the parent"), "count": data["with_ds"], "share": _percent(data["with_ds"], measured)},
        {
            "label": _("No DNSKEY (not signed)"),
            "count": measured - signed,
            "share": _percent(measured - signed, measured),
        },
    ]
    labels = denial_labels()
    denial_rows = [
        {"label": labels[key], "count": data["denial"][key], "share": _percent(data["denial"][key], signed)}
        for key in figures_module.DENIALS
    ]
    nsec3 = data["denial"]["nsec3"]
    algorithm_rows = _count_rows(data["algorithms"], signed, algorithm_label)
    digest_rows = _count_rows(data["ds_digest_types"], data["with_ds"], digest_label)
    iteration_rows = _count_rows(data["nsec3_iterations"], nsec3, str)
    salt_rows = _count_rows(data["nsec3_salt_lengths"], nsec3, str)
    operator_blocks = list(data["operators"])
    other = data["other_operators"]
    if other["operators"]:
        operator_blocks.append({**other, "operator": None})
    operator_rows = _group_rows(
        operator_blocks,
        lambda block: (
            operator_label(block["operator"])
            if block["operator"] is not None
            else _("%(count)s other operators") % {"count": other["operators"]}
        ),
    )
    category_rows = _group_rows(data["categories"], lambda block: category_label(block["category"]))
    operator_category_rows = _group_rows(data["operator_categories"], lambda block: category_label(block["category"]))
    return {
        "campaign": campaign,
        "data": data,
        "date": _date(campaign.created_at),
        "verdict_rows": verdict_rows,
        "verdict_chart": charts.shares(
            [(_("All measured names"), [row["count"] for row in verdict_rows])],
            verdict_labels(language),
            _("Verdicts of the measured names"),
        ),
        "signed_rows": signed_rows,
        "signed_chart": _bar(signed_rows, _("Signed names")),
        "algorithm_rows": algorithm_rows,
        "algorithm_chart": _bar(algorithm_rows, _("DNSKEY algorithms")),
        "digest_rows": digest_rows,
        "digest_chart": _bar(digest_rows, _("DS digest types")),
        "denial_rows": denial_rows,
        "denial_chart": charts.shares(
            [(_("Signed names"), [row["count"] for row in denial_rows])],
            [(labels[key], DENIAL_COLOURS[key]) for key in figures_module.DENIALS],
            _("NSEC and NSEC3"),
        )
        if signed
        else "",
        "iteration_rows": iteration_rows,
        "iteration_chart": _bar(iteration_rows, _("NSEC3 iterations")),
        "salt_rows": salt_rows,
        "salt_chart": _bar(salt_rows, _("NSEC3 salt length (octets)")),
        "opt_out": _opt_out(data, nsec3),
        "operator_rows": operator_rows,
        "operator_chart": _group_chart(operator_rows, _("Verdicts by DNS operator"), language),
        "category_rows": category_rows,
        "category_chart": _group_chart(category_rows, _("Verdicts by member category of the name"), language),
        "operator_category_rows": operator_category_rows,
        "operator_category_chart": _group_chart(
            operator_category_rows, _("Verdicts by member category of the DNS operator"), language
        ),
        "verdict_labels": [label for label, _colour in verdict_labels(language)],
    }


def trend_points(campaigns) -> list[dict]:
    """A point per finished campaign, oldest first: its date and shares (of the measured names; NSEC3 of signed)."""
    points = []
    for campaign in sorted(campaigns, key=lambda campaign: campaign.created_at):
        data = campaign.figures
        measured = data["measured"]
        shares = {verdict: data["verdicts"][verdict] for verdict in VERDICTS}
        points.append(
            {
                "campaign": campaign,
                "date": _date(campaign.created_at),
                "measured": measured,
                "counts": shares,
                "signed": data["signed"],
                "nsec3": data["denial"]["nsec3"],
                "values": {
                    **{verdict: 100 * count / measured if measured else None for verdict, count in shares.items()},
                    "signed": 100 * data["signed"] / measured if measured else None,
                    "nsec3": 100 * data["denial"]["nsec3"] / data["signed"] if data["signed"] else None,
                },
            }
        )
    return points


def trend_chart(points, language):
    if not points:
        return ""
    series = [
        (label, colour, [point["values"][verdict] for point in points])
        for verdict, (label, colour) in zip(VERDICTS, verdict_labels(language), strict=True)
    ]
    series.append((_("Signed"), SIGNED_COLOUR, [point["values"]["signed"] for point in points]))
    return charts.trend(
        [(point["campaign"].created_at, point["date"]) for point in points],
        series,
        _("Shares of the measured names by campaign"),
    )


def _trend_rows(points) -> list[dict]:
    return [
        {
            "campaign": point["campaign"],
            "date": point["date"],
            "measured": point["measured"],
            "verdicts": [_percent(point["counts"][verdict], point["measured"]) for verdict in VERDICTS],
            "signed": _percent(point["signed"], point["measured"]),
            "nsec3": _percent(point["nsec3"], point["signed"]),
        }
        for point in points
    ]


def overview(request):
    """The latest finished campaign of each public list, with the trend across that list's campaigns."""
    language = languages.catalog_language(request.LANGUAGE_CODE)
    sections = []
    campaigns = list(finished())
    by_list = {}
    for campaign in campaigns:
        by_list.setdefault(campaign.domain_list_id, []).append(campaign)
    for own in by_list.values():
        latest = own[0]
        points = trend_points(own)
        context = campaign_context(latest, language)
        sections.append(
            {
                "list": latest.domain_list,
                "latest": latest,
                "latest_date": context["date"],
                "data": latest.figures,
                "verdict_chart": context["verdict_chart"],
                "verdict_rows": context["verdict_rows"],
                "signed_rows": context["signed_rows"],
                "trend_chart": trend_chart(points, language),
                "trend_rows": _trend_rows(points),
            }
        )
    return render(
        request,
        "campaigns/overview.html",
        {
            "page_title": _("DNSSEC in Japan"),
            "sections": sections,
            "verdict_labels": [label for label, _colour in verdict_labels(language)],
        },
    )


def list_page(request, slug):
    """Every finished campaign of one public list: the trend and a row per campaign."""
    domain_list = get_object_or_404(DomainList, slug=slug, public=True)
    language = languages.catalog_language(request.LANGUAGE_CODE)
    points = trend_points(finished(domain_list.campaigns.all()))
    return render(
        request,
        "campaigns/list.html",
        {
            "page_title": domain_list.name,
            "list": domain_list,
            "trend_chart": trend_chart(points, language),
            "trend_rows": _trend_rows(points),
            "verdict_labels": [label for label, _colour in verdict_labels(language)],
        },
    )


def _campaign(pk) -> Campaign:
    campaign = finished(Campaign.objects.filter(pk=pk)).first()
    if campaign is None:
        raise Http404
    return campaign


def campaign_page(request, pk):
    campaign = _campaign(pk)
    language = languages.catalog_language(request.LANGUAGE_CODE)
    context = campaign_context(campaign, language)
    member = organisation_of(request.user) is not None
    context.update(
        page_title=_("%(list)s, %(date)s") % {"list": campaign.domain_list.name, "date": context["date"]},
        member=member,
    )
    return render(request, "campaigns/campaign.html", context)


@never_cache
@login_required
def bogus_names(request, pk):
    """A campaign's bogus names, for signed-in members only, each with a link to a full check."""
    if organisation_of(request.user) is None:
        raise PermissionDenied
    campaign = _campaign(pk)
    names = campaign.batch.names.filter(verdict="bogus").order_by("domain") if campaign.batch_id else []
    page = Paginator(names, BOGUS_PER_PAGE).get_page(request.GET.get("page"))
    check = reverse("checker:check")
    rows = [
        {
            "domain": name.domain,
            "operator": name.ns_operator,
            "findings": name.finding_ids,
            "severity": name.worst_severity,
            "check_url": f"{check}?{urlencode({'domain': name.domain})}",
            "history_url": reverse("checker:history", kwargs={"domain": name.domain}),
        }
        for name in page.object_list
    ]
    date = _date(campaign.created_at)
    return render(
        request,
        "campaigns/bogus.html",
        {
            "page_title": _("Bogus names: %(list)s, %(date)s") % {"list": campaign.domain_list.name, "date": date},
            "campaign": campaign,
            "date": date,
            "names_page": page,
            "rows": rows,
        },
    )


# ---- downloads -------------------------------------------------------------------------------------------------


def _flat(prefix, value, out):
    """(key path, count) rows of a figures block, in its order."""
    if isinstance(value, dict):
        for key, inner in value.items():
            _flat(f"{prefix}.{key}" if prefix else str(key), inner, out)
    else:
        out.append((prefix, value))


def figures_rows(data) -> list[tuple[str, str, str, object]]:
    """The figures as rows of (group, name, measure, value): the whole, each operator, each category."""
    rows = []

    def block_rows(group, name, block):
        flat = []
        _flat("", {key: value for key, value in block.items() if key not in ("operator", "category")}, flat)
        rows.extend((group, name, measure, value) for measure, value in flat)

    totals = {
        key: value
        for key, value in data.items()
        if key not in ("version", "operators", "other_operators", "categories", "operator_categories")
    }
    block_rows("all", "", totals)
    for block in data["operators"]:
        block_rows("operator", block["operator"], {k: v for k, v in block.items() if k != "member_category"})
    if data["other_operators"]["operators"]:
        block_rows("other-operators", "", data["other_operators"])
    for block in data["categories"]:
        block_rows("category", block["category"], block)
    for block in data["operator_categories"]:
        block_rows("operator-category", block["category"], block)
    return rows


def _csv_response(header, rows, filename):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 with its BOM
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _campaign_meta(campaign) -> dict:
    return {
        "list": campaign.domain_list.slug,
        "campaign": campaign.pk,
        "created_at": campaign.created_at.isoformat(),
        "finished_at": campaign.finished_at.isoformat(),
        "demo": campaign.demo,
    }


def figures_download(request, pk, fmt):
    campaign = _campaign(pk)
    stem = f"dnssec-{campaign.domain_list.slug}-{campaign.created_at:%Y%m%d}-{campaign.pk}"
    if fmt == "json":
        return _json_response({**_campaign_meta(campaign), "figures": campaign.figures}, f"{stem}.json")
    if fmt == "csv":
        return _csv_response(("group", "name", "measure", "value"), figures_rows(campaign.figures), f"{stem}.csv")
    raise Http404


TREND_COLUMNS = ("campaign", "created_at", "demo", "total", "checked", "errors", "measured", *VERDICTS, "signed")
TREND_COLUMNS += ("with_ds", "nsec", "nsec3")


def _trend_record(campaign) -> dict:
    data = campaign.figures
    return {
        "campaign": campaign.pk,
        "created_at": campaign.created_at.isoformat(),
        "demo": campaign.demo,
        **{key: data[key] for key in ("total", "checked", "errors", "measured")},
        **{verdict: data["verdicts"][verdict] for verdict in VERDICTS},
        "signed": data["signed"],
        "with_ds": data["with_ds"],
        "nsec": data["denial"]["nsec"],
        "nsec3": data["denial"]["nsec3"],
    }


def trend_download(request, slug, fmt):
    domain_list = get_object_or_404(DomainList, slug=slug, public=True)
    records = [_trend_record(campaign) for campaign in reversed(finished(domain_list.campaigns.all()))]
    stem = f"dnssec-{domain_list.slug}-trend"
    if fmt == "json":
        return _json_response({"list": domain_list.slug, "campaigns": records}, f"{stem}.json")
    if fmt == "csv":
        return _csv_response(
            TREND_COLUMNS, [[record[key] for key in TREND_COLUMNS] for record in records], f"{stem}.csv"
        )
    raise Http404
