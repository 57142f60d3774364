from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "clinicians"

urlpatterns = [
    path(_("clinicians/<slug:slug>/"), views.ClinicianDetailView.as_view(), name="clinician_detail"),
]
