from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .models import ContactRequest

app_name = "consultations"

urlpatterns = [
    path(_("contact/"), views.ContactView.as_view(), name="contact"),
    path(_("contact/thanks/"), views.ThanksView.as_view(), name="contact_thanks"),
    path(_("refer/"), views.ReferralView.as_view(), name="referral"),
    path(
        _("refer/thanks/"),
        views.ThanksView.as_view(kind=ContactRequest.Kind.REFERRAL),
        name="referral_thanks",
    ),
]
