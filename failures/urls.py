from django.urls import path

from failures import feeds, views

app_name = "failures"
urlpatterns = [
    path("", views.library, name="library"),
    path("feed/", feeds.LatestReportsFeed(), name="feed"),
    path("statistics/", views.statistics, name="statistics"),
    path("translations/", views.awaiting_translation, name="translations"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("review/", views.review_queue, name="review"),
    path("review/categories/", views.categories, name="categories"),
    path("review/categories/<int:pk>/", views.categories, name="category_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/action/", views.act, name="act"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]
