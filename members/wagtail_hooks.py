from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "category", "confirmed"]
    list_filter = ["category", "confirmed"]
    search_fields = ["name_ja", "name_en"]


register_snippet(OrganisationViewSet)
