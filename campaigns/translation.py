from modeltranslation.translator import TranslationOptions, register

from .models import DomainList


@register(DomainList)
class DomainListTranslation(TranslationOptions):
    fields = ("name", "description")
