"""The volunteers' sign-up form and the Tech-WG's review of it (members/volunteers.py)."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from members import volunteers
from members.models import TranslatorApplication
from members.self_service import post_only
from portal import languages


class TranslatorApplicationForm(forms.ModelForm):
    into = forms.MultipleChoiceField(
        label=gettext_lazy("I translate into"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = TranslatorApplication
        fields = ["name", "email", "into", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = languages.choices()


def apply(request):
    form = TranslatorApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        volunteers.apply({**form.cleaned_data, "language": get_language()})
        messages.success(request, _("Thank you! The Tech-WG will answer you by e-mail."))
        return redirect("accounts:translator_apply")
    return render(
        request, "members/account/translator_apply.html", {"form": form, "page_title": _("Translate with us")}
    )


def reviewers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not volunteers.reviews(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@reviewers_only
def application_list(request):
    open_applications = TranslatorApplication.objects.filter(state=TranslatorApplication.State.OPEN)
    return render(
        request,
        "members/account/translator_applications.html",
        {
            "applications": open_applications,
            "language_names": dict(languages.choices()),
            "page_title": _("Volunteer translators"),
        },
    )


@reviewers_only
@post_only
def application_decide(request, pk):
    application = get_object_or_404(TranslatorApplication, pk=pk, state=TranslatorApplication.State.OPEN)
    approve = request.POST.get("decision") == "approve"
    volunteers.decide(application.pk, approve, request.user, request)
    if approve:
        messages.success(request, _("%(name)s is a translator now, or invited as one.") % {"name": application.name})
    else:
        messages.success(request, _("The application of %(name)s was rejected.") % {"name": application.name})
    return redirect("accounts:translator_applications")
