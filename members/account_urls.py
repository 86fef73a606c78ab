from django.urls import path

from members import account_views as views
from members import colleague_views, domain_views, entry_views, volunteer_views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitations/", views.invite, name="invite"),
    path("invitations/<int:pk>/withdraw/", views.withdraw_invitation, name="withdraw_invitation"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("organisation/colleagues/", colleague_views.colleague_list, name="colleagues"),
    path(
        "organisation/colleagues/invitations/<int:pk>/withdraw/",
        colleague_views.colleague_withdraw_invitation,
        name="colleague_withdraw_invitation",
    ),
    path("organisation/colleagues/<int:pk>/roles/", colleague_views.colleague_roles, name="colleague_roles"),
    path("organisation/colleagues/<int:pk>/remove/", colleague_views.colleague_remove, name="colleague_remove"),
    path("organisation/domains/", domain_views.domain_list, name="domains"),
    path("organisation/domains/<int:pk>/check/", domain_views.domain_check, name="domain_check"),
    path("organisation/domains/<int:pk>/remove/", domain_views.domain_remove, name="domain_remove"),
    path("organisation/entry/", entry_views.entry_propose, name="entry"),
    path("organisation-entries/", entry_views.proposal_list, name="entry_proposals"),
    path("organisation-entries/<int:pk>/decide/", entry_views.proposal_decide, name="entry_proposal_decide"),
    path("translate/", volunteer_views.apply, name="translator_apply"),
    path("translator-applications/", volunteer_views.application_list, name="translator_applications"),
    path(
        "translator-applications/<int:pk>/decide/",
        volunteer_views.application_decide,
        name="translator_application_decide",
    ),
]
