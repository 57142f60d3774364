import uuid

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView

from center.structured_data import medical_clinic_for
from publishing.rendered_pages import cached_render

from . import intake
from .forms import ConsultationForm, ReferralForm
from .models import ContactRequest

# Not a UUID any form makes (uuid4 sets version 4), so never taken for a real key.
SUBMISSION_KEY_PLACEHOLDER = "00000000-0000-0000-0000-5e7ec0de0000"


@method_decorator(sensitive_post_parameters(), name="dispatch")
class IntakeFormView(TemplateView):
    """Show the form; on a valid send, save the request and go to the thank-you page.

    Sent data is never lost: errors, the rate limit and the bot trap all answer with
    the form as it was filled in (the bot trap pretends to succeed). Error reports
    hide every posted value.
    """

    form_class = None
    kind = None
    thanks_url = None

    def get_form(self):
        return self.form_class(data=self.request.POST or None, initial=self.get_initial())

    def get_initial(self):
        # Condition pages link to the forms with their topic chosen.
        return {"topic": self.request.GET.get("topic", "")}

    def get(self, request, *args, **kwargs):
        topic = request.GET.get("topic", "")
        valid_topics = {str(value) for value, _ in self.form_class.topic_choices()}
        if set(request.GET) - {"topic"} or (topic and topic not in valid_topics):
            # An address nobody links to: rendered as asked, never stored.
            return self.render_to_response(self.get_context_data(form=self.get_form()))

        # The same empty form for every visitor but the security token and the key that
        # makes a form sent twice one request (see rendered_pages.py): the form is made
        # only when the page is rendered (copying its fields took a quarter of a request).
        def render(csrf_token):
            form = self.get_form()
            form.fields["submission_key"].initial = SUBMISSION_KEY_PLACEHOLDER
            return self.render_to_response(self.get_context_data(form=form, csrf_token=csrf_token))

        return cached_render(
            request,
            f"{request.scheme}://{request.get_host()}\n{topic}",
            render,
            fresh={SUBMISSION_KEY_PLACEHOLDER: lambda: str(uuid.uuid4())},
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bot:
            return redirect(self.thanks_url)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        # A request already received (sent again after Back, say) is thanked, not counted.
        if intake.already_received(form, kind=self.kind) is not None:
            return redirect(self.thanks_url)
        if not intake.within_rate_limit(request):
            return self.render_to_response(self.get_context_data(form=form, rate_limited=True), status=429)
        intake.receive(form, kind=self.kind)
        return redirect(self.thanks_url)

    def render_to_response(self, context, status=200):
        return TemplateResponse(self.request, self.get_template_names(), context, status=status)


class ContactView(IntakeFormView):
    template_name = "consultations/contact.html"
    form_class = ConsultationForm
    kind = ContactRequest.Kind.CONSULTATION
    thanks_url = "consultations:contact_thanks"

    def get_context_data(self, **kwargs):
        return super().get_context_data(structured_data=medical_clinic_for(self.request), **kwargs)


class ReferralView(IntakeFormView):
    template_name = "consultations/referral.html"
    form_class = ReferralForm
    kind = ContactRequest.Kind.REFERRAL
    thanks_url = "consultations:referral_thanks"


class ThanksView(TemplateView):
    template_name = "consultations/thanks.html"
    kind = ContactRequest.Kind.CONSULTATION

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_referral=self.kind == ContactRequest.Kind.REFERRAL, **kwargs)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (it expired, or cookies are blocked).

    For the contact and referral forms, show the form again filled in with what was
    sent (nothing is saved, nothing is lost) and a fresh token, so one more press of
    the button sends it. Anything else gets the site's 403 page.
    """
    match = getattr(request, "resolver_match", None) or _resolve(request)
    views = {"consultations:contact": ContactView, "consultations:referral": ReferralView}
    view_class = views.get(match.view_name if match else "")
    if view_class is None:
        return TemplateResponse(request, "403.html", status=403)
    view = view_class(request=request, args=(), kwargs={})
    form = view.form_class(data=request.POST, initial=view.get_initial())
    context = view.get_context_data(form=form, csrf_retry=True)
    return TemplateResponse(request, view.template_name, context, status=403)


def _resolve(request):
    from django.urls import Resolver404, resolve

    try:
        return resolve(request.path_info)
    except Resolver404:
        return None
