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
    # Verification that anyone can do (views.py)
    path("", views.register, name="register"),
    path("criteria/", views.criteria_page, name="criteria"),
    path("key.json", views.key, name="key"),
    path("<number:number>/", views.certificate, name="certificate"),
    path("<number:number>/badge.svg", views.badge, name="badge"),
    path("<number:number>.json", views.certificate_json, name="certificate_json"),
]
