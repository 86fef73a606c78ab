from django import template

from failures import workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def reviewer_flag(context):
    request = context.get("request")
    return request is not None and workflow.is_reviewer(request.user)
