from celery import shared_task


@shared_task(name="knowledge.render_publication_pdf")
def render_publication_pdf(page_id: int) -> None:
    """Make the PDF of a publication's live revision (knowledge.pdf); a page unpublished meanwhile gets none."""
    from knowledge import pdf
    from knowledge.models import PublicationPage

    page = PublicationPage.objects.filter(pk=page_id, live=True).select_related("locale").first()
    if page is None or not pdf.available():
        return
    pdf.write(page)
