"""The logo's public pages: anyone can see and verify a certificate."""

from django.shortcuts import get_object_or_404, render

from members.logo.models import Certificate


def certificate(request, number):
    cert = get_object_or_404(Certificate.objects.select_related("organisation"), number=number)
    return render(
        request,
        "members/logo/certificate.html",
        {
            "certificate": cert,
            "events": cert.events.select_related("actor").order_by("-at", "-pk"),
            "page_title": cert.number,
        },
    )
