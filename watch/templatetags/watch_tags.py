from django import template

from watch import presenters

register = template.Library()


@register.filter
def describe(condition: dict) -> str:
    """An alert's condition in the active language (an e-mail renders in its recipient's)."""
    return presenters.describe(condition)
