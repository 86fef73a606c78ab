from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.permissions import can_act_for


def directory(request):
    categories = Organisation.Category
    selected = request.GET.get("category", "")
    organisations = Organisation.objects.all()
    if selected in categories.values:
        organisations = organisations.filter(category=selected)
    else:
        selected = ""
    counts = {c: 0 for c in categories.values}
    for category in Organisation.objects.values_list("category", flat=True):
        counts[category] += 1
    return render(
        request,
        "members/directory.html",
        {
            "organisations": organisations,
            "categories": [(value, label, counts[value]) for value, label in categories.choices if counts[value]],
            "selected": selected,
            "total": sum(counts.values()),
            "page_title": _("Member organisations"),
        },
    )


def organisation(request, slug):
    org = get_object_or_404(Organisation.objects.prefetch_related("domains"), slug=slug)
    return render(
        request,
        "members/organisation.html",
        {"organisation": org, "page_title": org.name, "show_contact": can_act_for(request.user, org)},
    )
