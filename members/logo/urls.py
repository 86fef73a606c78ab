from django.urls import path, register_converter

from members.logo import member_views, views


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
    # The members' and reviewers' pages (member_views)
    path("apply/", member_views.apply, name="apply"),
    path("mine/", member_views.mine, name="mine"),
    path("review/", member_views.review, name="review"),
    path("applications/<int:pk>/", member_views.application, name="application"),
    path("applications/<int:pk>/decide/", member_views.decide, name="decide"),
    path("applications/<int:pk>/withdraw/", member_views.withdraw_application, name="withdraw_application"),
    path("applications/<int:pk>/check-again/", member_views.check_again, name="check_again"),
    path("<number:number>/renew/", member_views.apply, name="renew"),
    path("<number:number>/withdraw/", member_views.withdraw, name="withdraw"),
    path("<number:number>/reinstate/", member_views.reinstate, name="reinstate"),
]
