from modeltranslation.translator import TranslationOptions, register

from members.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    # An organisation without a name in either language showed as an empty link and heading.
    required_languages = {"ja": ("name",), "en": ("name",)}
