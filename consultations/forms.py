import re
import uuid

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conditions.models import Condition
from publishing.content_version import content_version
from publishing.languages import reader_language

from .models import NOT_SURE, REFERRER, ContactRequest

# Room for what a person needs to say; the form says so and counts as they type.
MESSAGE_MAX_LENGTH = 2000


def condition_choices():
    """(English slug, title in the reader's language) of each published condition.

    The value is the English slug whatever the language, so staff see one set of topics.
    Kept in the cache until the content changes: every form page asks for them.
    """
    language = reader_language()
    return cache.get_or_set(
        f"condition-choices:{content_version()}:{language}", lambda: _condition_choices(language), 3600
    )


def _condition_choices(language):
    published = Condition.objects.published()
    translated = {}
    if language != settings.LANGUAGE_CODE:
        translated = dict(
            published.filter(language=language, translation_of__isnull=False).values_list(
                "translation_of__slug", "title"
            )
        )
    english = published.in_language(settings.LANGUAGE_CODE)
    return [(slug, translated.get(slug, title)) for slug, title in english.values_list("slug", "title")]


def clean_phone_number(value):
    """A phone number a person can dial: 7 to 15 digits, written as the person wrote it."""
    value = " ".join(value.split())
    if value and not 7 <= len(re.sub(r"\D", "", value)) <= 15:
        raise ValidationError(_("Enter a phone number with its area code, for example (310) 555-0142."))
    if value and re.search(r"[^\d\s()+.\-x]", value, re.IGNORECASE):
        raise ValidationError(_("A phone number can only have digits, spaces, brackets, dots, dashes and +."))
    return value


class IntakeForm(forms.ModelForm):
    """What both forms share: bot trap, double-submission key, phone checks, and the
    message and consent fields (each form words them for its reader)."""

    # Hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    phone_fields = ()
    # The topics offered after the published conditions: (value, label) pairs.
    other_topics = ()
    message_label = message_help = consent_label = consent_missing = None
    # What each required field says when left empty: a sentence that makes sense on its
    # own, in the list of problems at the top of the form as well as beside the field.
    required_messages = {}

    @classmethod
    def topic_choices(cls):
        return [("", _("Choose one")), *condition_choices(), *cls.other_topics]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = self.topic_choices()
        self.fields["submission_key"].initial = uuid.uuid4()
        for name in self.phone_fields:
            self.fields[name].widget.attrs.update(autocomplete="tel", inputmode="tel")
        message = self.fields["message"] = forms.CharField(
            label=self.message_label,
            required=False,
            max_length=MESSAGE_MAX_LENGTH,
            # No maxlength attribute: a browser would cut a longer message silently. The
            # limit is said beside the box, counted as one types (site.js), and checked here.
            widget=forms.Textarea(
                attrs={
                    "rows": 6,
                    "data-count-to": MESSAGE_MAX_LENGTH,
                    "aria-describedby": "id_message_helptext id_message_count",
                }
            ),
            help_text=self.message_help,
            error_messages={
                "max_length": _(
                    "Please shorten the message to %(limit_value)d characters (it has %(show_value)d)."
                )
            },
        )
        message.widget.attrs.pop("maxlength", None)
        message.count_to = MESSAGE_MAX_LENGTH
        self.fields["consent"] = forms.BooleanField(
            label=self.consent_label, error_messages={"required": self.consent_missing}
        )
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        # A name, role or practice is one line: line breaks (which could forge lines in
        # the staff email) become spaces, so nothing the person typed is refused or lost.
        for name, field in self.fields.items():
            one_line = isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)
            if one_line and isinstance(cleaned.get(name), str):
                cleaned[name] = " ".join(cleaned[name].split())
        for name in self.phone_fields:
            if name in cleaned:
                try:
                    cleaned[name] = clean_phone_number(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class ConsultationForm(IntakeForm):
    topic = forms.ChoiceField(label=_("What would you like to talk about?"))
    message_label = _("Message")
    message_help = _("Please don't include medical details; we'll discuss them privately.")
    required_messages = {
        "name": _("Enter your name."),
        "topic": _("Choose what you would like to talk about."),
        "preferred_method": _("Choose how we should contact you."),
        "preferred_time": _("Choose when is a good time."),
    }
    consent_label = _(
        "I agree that the center may contact me about this request by the phone or email I gave."
    )
    consent_missing = _("Tick the box so that we may contact you.")
    phone_fields = ("phone",)

    class Meta:
        model = ContactRequest
        fields = list(ContactRequest.PATIENT_FIELDS)
        labels = {
            "name": _("Your name"),
            "phone": _("Phone number"),
            "email": _("Email address"),
            "preferred_method": _("How should we contact you?"),
            "preferred_time": _("When is a good time?"),
        }
        help_texts = {"phone": _("Give a phone number, an email address, or both.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "preferred_method": forms.RadioSelect,
            "preferred_time": forms.RadioSelect,
        }

    other_topics = ((NOT_SURE, _("I'm not sure yet")), (REFERRER, _("I am a referring provider")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_method"].required = True
        self.fields["preferred_method"].initial = ContactRequest.ContactMethod.EITHER
        self.fields["preferred_time"].required = True
        self.fields["preferred_time"].initial = ContactRequest.ContactTime.ANY
        for name in ("preferred_method", "preferred_time"):
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0]]

    def clean(self):
        cleaned = super().clean()
        phone, email, method = cleaned.get("phone"), cleaned.get("email"), cleaned.get("preferred_method")
        if "phone" in cleaned and "email" in cleaned and not phone and not email:
            self.add_error("phone", _("Give a phone number or an email address so that we can reach you."))
        elif method == ContactRequest.ContactMethod.PHONE and "phone" in cleaned and not phone:
            self.add_error("phone", _("Give a phone number, or choose email as the way to contact you."))
        elif method == ContactRequest.ContactMethod.EMAIL and "email" in cleaned and not email:
            self.add_error("email", _("Give an email address, or choose phone as the way to contact you."))
        return cleaned


class ReferralForm(IntakeForm):
    topic = forms.ChoiceField(label=_("Condition"))
    message_label = _("Reason for referral")
    required_messages = {
        "referrer_name": _("Enter your name."),
        "referrer_role": _("Enter your role."),
        "referrer_practice": _("Enter your practice or organization."),
        "referrer_phone": _("Enter your phone number."),
        "referrer_email": _("Enter your email address."),
        "name": _("Enter the patient's name."),
        "topic": _("Choose the condition, or “Not sure”."),
    }
    message_help = _(
        "A short reason only. Please don't send records here: we will ask for them securely after "
        "we first speak with the patient."
    )
    consent_label = _("The patient has agreed to be contacted by the center about this referral.")
    consent_missing = _("Please confirm that the patient agreed to be contacted.")
    phone_fields = ("phone", "referrer_phone")

    class Meta:
        model = ContactRequest
        # The patient's details, without a preferred way or time: the referrer may not know.
        fields = [
            *ContactRequest.REFERRER_FIELDS,
            *(name for name in ContactRequest.PATIENT_FIELDS if not name.startswith("preferred_")),
        ]
        labels = {
            "referrer_name": _("Your name"),
            "referrer_role": _("Your role"),
            "referrer_practice": _("Practice or organization"),
            "referrer_phone": _("Your phone number"),
            "referrer_email": _("Your email address"),
            "name": _("Patient's name"),
            "phone": _("Patient's phone number"),
            "email": _("Patient's email address"),
        }
        help_texts = {
            "referrer_role": _("For example: psychiatrist, primary care physician, therapist."),
            "phone": _("Give the patient's phone number, email address, or both."),
        }
        widgets = {
            "referrer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "referrer_practice": forms.TextInput(attrs={"autocomplete": "organization"}),
            "referrer_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    other_topics = ((NOT_SURE, _("Not sure")),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ContactRequest.REFERRER_FIELDS:
            self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        if "phone" in cleaned and "email" in cleaned and not cleaned["phone"] and not cleaned["email"]:
            self.add_error(
                "phone", _("Give the patient's phone number or email address so that we can reach them.")
            )
        return cleaned
