import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from checker import presenters
from checker.forms import CheckForm

register = template.Library()
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Kinds that portal.findingrefs lookups register; others are shown as given.
REFERENCE_KINDS = {"guideline": _("Guideline"), "failure-report": _("Failure report"), "bcp": _("Best practice")}


@register.inclusion_tag("checker/check_fields.html", takes_context=True)
def check_form(context):
    """The check form, for pages whose view is not the checker's (the home page)."""
    return {"form": CheckForm(), "csrf_token": context.get("csrf_token"), "request": context.get("request")}


@register.filter
def placeholders(text):
    """A catalog template as a reader sees it: each {placeholder} shown as a variable, the rest escaped."""
    return mark_safe(PLACEHOLDER.sub(r"<var>\1</var>", escape(text)))


@register.simple_tag
def reference_kind(kind):
    return REFERENCE_KINDS.get(kind, kind)


@register.filter
def local_time(value, fmt="DATETIME_FORMAT"):
    """A time with its zone named, in the site's date-time format (or `"TIME_FORMAT"`: a time of day alone)."""
    return presenters.local_time(value, fmt)


@register.filter
def unicode_domain(domain):
    return presenters.unicode_domain(domain)
