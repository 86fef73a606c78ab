from modeltranslation.translator import TranslationOptions, register

from failures.models import TRANSLATED_FIELDS, Category, FailureReport, TimelineEntry


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(FailureReport)
class FailureReportTranslation(TranslationOptions):
    fields = TRANSLATED_FIELDS


@register(TimelineEntry)
class TimelineEntryTranslation(TranslationOptions):
    fields = ("text",)
