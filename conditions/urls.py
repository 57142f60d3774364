from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "conditions"

# Addresses are translated: /conditions/ptsd/ in English, /es/condiciones/... in Spanish.
urlpatterns = [
    path(_("conditions/"), views.ConditionListView.as_view(), name="condition_list"),
    path(_("conditions/<slug:slug>/"), views.ConditionDetailView.as_view(), name="condition_detail"),
    path(
        _("conditions/<slug:slug>/handout/"),
        views.ConditionHandoutView.as_view(),
        name="condition_handout",
    ),
    path(_("conditions/<slug:slug>/share.png"), views.condition_share_image, name="condition_share_image"),
    path("share.png", views.site_share_image, name="site_share_image"),
]
