from wagtail import hooks

from knowledge import localize

# Before wagtail-localize's own hook (order 0), which would show its editor with a direct "Publish".
hooks.register("before_edit_page", localize.before_edit_page, order=-10)
