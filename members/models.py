from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.search import SearchTextMixin


class Organisation(SearchTextMixin, index.Indexed, models.Model):
    """A member organisation of DNSSEC Japan.

    `name` and `description` are translated fields (django-modeltranslation):
    name_ja, name_en, description_ja, description_en.
    """

    class Category(models.TextChoices):
        REGISTRY_REGISTRAR = "registry-registrar", _("Registry / registrar")
        CARRIER_IXP = "carrier-ixp", _("Carrier / IXP")
        ISP = "isp", _("ISP")
        HOSTING = "hosting", _("Hosting provider")
        CONTENT = "content", _("Content provider")
        VENDOR_SI = "vendor-si", _("Vendor / system integrator")
        INTERNET_ORG = "internet-org", _("Internet-related organisation")
        UNCLASSIFIED = "unclassified", _("Unclassified")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.UNCLASSIFIED)
    website = models.URLField(_("web site"), blank=True)
    confirmed = models.BooleanField(
        _("confirmed by Pub-WG"),
        default=False,
        help_text=_("Unconfirmed entries (要確認) show that their details still await the Pub-WG's confirmation."),
    )

    search_fields = [index.SearchField("search_text"), index.FilterField("category")]
    search_text_fields = ("name_ja", "name_en", "description_ja", "description_en")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:directory") + f"#org-{self.slug}"
