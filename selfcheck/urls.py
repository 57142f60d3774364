from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "selfcheck"

urlpatterns = [
    path(_("check/"), views.SelfCheckView.as_view(), name="start"),
    path(_("check/send/"), views.SendView.as_view(), name="send"),
]
