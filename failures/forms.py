"""The report form: one language at a time, rich text cleaned, timeline as lines, files checked by content."""

import datetime
import re
import uuid
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checker import catalog
from failures import conf, richtext, uploads
from failures.models import NARRATIVE_FIELDS, AffectedRole, Category
from portal import languages

_TIMELINE_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s+(.+?)\s*$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > conf.MAX_ATTACHMENTS_PER_REQUEST:
            raise ValidationError(
                _("Attach at most %(n)d files at a time."), params={"n": conf.MAX_ATTACHMENTS_PER_REQUEST}
            )
        checked, errors = [], []
        for upload in files:
            try:
                checked.append((upload, uploads.check(upload)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ReportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of this text"), choices=languages.model_choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    incident_date = forms.DateField(label=_("Date of the incident"), widget=forms.DateInput(attrs={"type": "date"}))
    impact_minutes = forms.IntegerField(
        label=_("Duration of the impact (minutes)"), required=False, min_value=0, max_value=60 * 24 * 365
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    roles = forms.MultipleChoiceField(
        label=_("Roles affected"), choices=AffectedRole.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    timeline = forms.CharField(
        label=_("Timeline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One entry per line: date, time (JST) and what happened, e.g. 2024-05-01 09:30 Resolvers start to "
            "answer SERVFAIL."
        ),
    )
    symptoms = forms.CharField(label=_("Symptoms"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    detection = forms.CharField(
        label=_("How it was detected"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    root_cause = forms.CharField(label=_("Root cause"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    fix = forms.CharField(label=_("The fix"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    lessons = forms.CharField(label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    finding_ids = forms.CharField(
        label=_("Checker finding ids"),
        required=False,
        max_length=1000,
        help_text=_(
            "The ids of the checker's findings that describe the failure, separated by spaces or commas, e.g. "
            "rrsig_expired."
        ),
    )
    references = forms.CharField(
        label=_("References"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("One http(s) address per line."),
    )
    check_run_id = forms.UUIDField(
        label=_("Checker run (evidence)"),
        required=False,
        help_text=_("The id of a check on this portal that shows the failure."),
    )
    anonymous = forms.BooleanField(label=_("Publish without our organisation's name"), required=False)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Logs or zone excerpts: PDF, PNG, JPEG or plain text, at most 10 MB each and 5 at a time."),
    )
    correction_note = forms.CharField(
        label=_("What was corrected"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The report is published: this note is shown on its page with the date of the correction."),
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    rich_fields = NARRATIVE_FIELDS

    def __init__(self, *args, published=False, proposal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.published = published
        if not published:
            del self.fields["correction_note"]
        else:
            self.fields["correction_note"].required = True
        if proposal:
            # A proposal waits for review; its files would be public at once.
            del self.fields["attachments"]
            self.fields["correction_note"].help_text = _(
                "A reviewer approves the correction before it is published; this note is then shown on the report's "
                "page with the date of the correction."
            )

    def clean_finding_ids(self):
        values = [v for v in re.split(r"[\s,、]+", self.cleaned_data["finding_ids"].strip()) if v]
        known = catalog.ids()
        unknown = [v for v in values if v not in known]
        if unknown:
            raise ValidationError(_("Unknown finding ids: %(ids)s"), params={"ids": ", ".join(unknown)})
        return sorted(set(values))

    def clean_references(self):
        urls = [line.strip() for line in self.cleaned_data["references"].splitlines() if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        for url in urls:
            if urlsplit(url).scheme not in ("http", "https"):
                raise ValidationError(_("%(url)s is not an http(s) address."), params={"url": url})
            validate(url)
        return "\n".join(urls)

    def clean_timeline(self):
        entries, wrong = [], []
        tz = timezone.get_current_timezone()
        for number, line in enumerate(self.cleaned_data["timeline"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _TIMELINE_LINE.match(line)
            try:
                if not match:
                    raise ValueError
                at = datetime.datetime.strptime(f"{match[1]} {match[2]}", "%Y-%m-%d %H:%M")
                text = match[3][:500]
            except ValueError:
                wrong.append(str(number))
                continue
            entries.append((timezone.make_aware(at, tz), text))
        if wrong:
            raise ValidationError(
                _("Line %(lines)s is not “YYYY-MM-DD HH:MM what happened”."), params={"lines": ", ".join(wrong)}
            )
        return entries

    def clean(self):
        data = super().clean()
        for name in self.rich_fields:
            if name in data:
                data[name] = richtext.clean(data[name])
        return data


def timeline_text(report, language):
    tz = timezone.get_current_timezone()
    return "\n".join(
        f"{timezone.localtime(e.at, tz):%Y-%m-%d %H:%M} {getattr(e, f'text_{language}') or e.text_ja or e.text_en}"
        for e in report.timeline.all()
    )


def initial_from(report, language):
    initial = {
        "language": language,
        "incident_date": report.incident_date,
        "impact_minutes": report.impact_minutes,
        "category": report.category_id,
        "roles": report.roles,
        "timeline": timeline_text(report, language),
        "finding_ids": " ".join(report.finding_ids),
        "references": report.references,
        "check_run_id": report.check_run_id,
        "anonymous": report.anonymous,
        "submission_token": uuid.uuid4(),
    }
    for name in ("title", "summary") + NARRATIVE_FIELDS:
        initial[name] = report.field_in(name, language)
    return initial


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["slug", "name_ja", "name_en", "description_ja", "description_en", "sort_order"]


class ActionForm(forms.Form):
    action = forms.CharField(max_length=30)
    note = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
