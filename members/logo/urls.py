from django.urls import path, register_converter

from members.logo import views


class CertificateNumber:
    """2026-0001: a year and a sequence number; `criteria` and `key` are never numbers."""

    regex = r"[0-9]{4}-[0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CertificateNumber, "number")

app_name = "logo"
urlpatterns = [
    path("<number:number>/", views.certificate, name="certificate"),
]
