from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Standalone pages live at the top level: included last, after every other app.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
]
