from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import redirects


class MarkdownContentForm(forms.ModelForm):
    """The admin form for pages: knows the version it was opened at."""

    # The version of the page this form was opened at (named so as not to clash with
    # the model's non-editable field).
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_reuse = forms.BooleanField(
        label=_("Yes, use this address anyway"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_("Old links to this address will then open this page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug")
        if slug and slug != self.instance.slug:
            candidate = type(self.instance)(slug=slug).get_absolute_url()
            current = self.instance.redirectable_paths() if self.instance.pk else []
            destination = redirects.earlier_owner_of(candidate, current)
            if destination is not None and not cleaned.get("confirm_reuse"):
                self.fields["confirm_reuse"].widget = forms.CheckboxInput()
                where = destination or _("a “page no longer available” notice")
                self.add_error(
                    "slug",
                    _(
                        "The address %(path)s belonged to another page; old links to it now lead to "
                        "%(where)s. Using it here would send those links to this page instead. Choose "
                        "another slug, or tick “Yes, use this address anyway” below."
                    )
                    % {"path": candidate, "where": where},
                )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk and not self.errors:
            self.check_version()

    def check_version(self):
        submitted = self.cleaned_data.get("edit_version")
        current = (
            type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        if submitted is not None and current is not None and submitted != current:
            record = self.instance.history.order_by("-history_date", "-history_id").first()
            self.add_error(
                None,
                format_html(
                    "{} <a href='{}'>{}</a>. {}",
                    _(
                        "Someone else saved this page while you were editing it, so your changes were not saved."
                    ),
                    reverse(
                        f"admin:{self.instance._meta.app_label}_{self.instance._meta.model_name}_compare",
                        args=[self.instance.pk],
                    )
                    + f"?older=&newer={record.history_id if record else ''}",
                    _("See what they saved"),
                    _(
                        "Your text is still in the form below. Bring in their changes if you need them, "
                        "then save again to replace their version with yours."
                    ),
                ),
            )
            # Saving again, after this warning, knowingly replaces the newer version.
            self.data = self.data.copy()
            self.data["edit_version"] = current
