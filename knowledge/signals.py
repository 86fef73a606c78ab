"""A publication's PDF follows its page: made at each publication, deleted when it is unpublished or deleted.
A glossary term's change purges the page cache (its term pages and the guidelines that link it)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from knowledge import pdf
from knowledge.models import GlossaryTerm, PublicationPage
from portal import pagecache


@receiver(page_published, sender=PublicationPage)
def make_pdf(sender, instance, **kwargs):
    if pdf.available() and not instance.in_preparation:
        page_id = instance.pk
        transaction.on_commit(lambda: pdf.queue(page_id))


@receiver(page_unpublished, sender=PublicationPage)
@receiver(post_delete, sender=PublicationPage)
def remove_pdf(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: pdf.remove(page_id))


post_save.connect(pagecache.purge_after_commit, sender=GlossaryTerm, weak=False)
post_delete.connect(pagecache.purge_after_commit, sender=GlossaryTerm, weak=False)
