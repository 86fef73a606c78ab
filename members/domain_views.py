"""An organisation's administrator adds and removes its domains, each proved by a TXT record (members/domain_proof)."""

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members import domain_proof
from members.forms import DomainForm
from members.models import Domain
from members.self_service import organisation_administrators_only, post_only

logger = logging.getLogger(__name__)
ADDED = "members.domain_added"
REMOVED = "members.domain_removed"


@organisation_administrators_only
def domain_list(request, organisation):
    form = DomainForm(organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            domain = Domain.objects.create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                verified=False,
                token=domain_proof.new_token(),
            )
            log(instance=organisation, action=ADDED, user=request.user, data={"domain": domain.name})
        messages.success(request, _("%(domain)s was added. Publish the TXT record shown below.") % {"domain": domain})
        return redirect("accounts:domains")
    domains = list(organisation.domains.all())
    for domain in domains:
        domain.record = domain_proof.record_text(domain) if not domain.verified else ""
    return render(
        request,
        "members/account/domains.html",
        {"organisation": organisation, "domains": domains, "form": form, "page_title": _("Domains")},
    )


@organisation_administrators_only
@post_only
def domain_check(request, organisation, pk):
    from members.tasks import check_domain_proof
    from portal.celery import send_at_once

    domain = get_object_or_404(organisation.domains.filter(verified=False), pk=pk)
    try:
        send_at_once(check_domain_proof, (domain.pk,), "interactive")
    except Exception as error:  # an unreachable broker (portal.celery.broker_at_once)
        logger.warning("domain proof check of %s not sent: %s", domain.name, error)
        messages.error(request, _("The check could not be started. Try again in a few minutes."))
    else:
        messages.success(
            request, _("Checking %(domain)s: reload this page in a few seconds to see the result.") % {"domain": domain}
        )
    return redirect("accounts:domains")


@organisation_administrators_only
@post_only
def domain_remove(request, organisation, pk):
    domain = get_object_or_404(organisation.domains, pk=pk)
    with transaction.atomic():
        domain.delete()
        log(instance=organisation, action=REMOVED, user=request.user, data={"domain": domain.name})
    messages.success(request, _("%(domain)s was removed.") % {"domain": domain})
    return redirect("accounts:domains")
