from django import template

from checker.forms import CheckForm

register = template.Library()


@register.inclusion_tag("checker/check_fields.html", takes_context=True)
def check_form(context):
    """The check form, for pages whose view is not the checker's (the home page)."""
    return {"form": CheckForm(), "csrf_token": context.get("csrf_token"), "request": context.get("request")}
