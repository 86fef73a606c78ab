from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.permissions import can_act_for
from portal import kana, languages


def sorted_sections(organisations):
    """[(heading, organisations)]: where names are read in Japanese (/ja/, and a language without columns of its
    own) by reading in 五十音 order with its section headings, otherwise by the name shown, in one section."""
    organisations = list(organisations)
    if not organisations:
        return []
    if languages.model_language() == "ja":
        return kana.sections(organisations, Organisation.sort_text)
    return [("", sorted(organisations, key=lambda org: org.shown_name().text.casefold()))]


def directory(request):
    categories = Organisation.Category
    selected = request.GET.get("category", "")
    organisations = Organisation.objects.filter(demo=False)
    if selected in categories.values:
        organisations = organisations.filter(category=selected)
    else:
        selected = ""
    counts = {c: 0 for c in categories.values}
    for category in Organisation.objects.filter(demo=False).values_list("category", flat=True):
        counts[category] += 1
    sections = sorted_sections(organisations)
    return render(
        request,
        "members/directory.html",
        {
            "sections": sections,
            "headings": [heading for heading, _members in sections if heading],
            "categories": [(value, label, counts[value]) for value, label in categories.choices if counts[value]],
            "selected": selected,
            "total": sum(counts.values()),
            "page_title": _("Member organisations"),
        },
    )


def organisation(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": org,
            # A domain its administrator added counts once its proof of control is found (members/domain_proof.py).
            "verified_domains": org.domains.filter(verified=True),
            "page_title": str(org),
            "show_contact": can_act_for(request.user, org),
        },
    )
