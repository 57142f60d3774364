# The call to action and the reply time become a row per language, as every other
# translated text on the site, instead of "_es" columns beside the English ones.

import django.db.models.deletion
from django.db import migrations, models

TEXT_FIELDS = ("cta_heading", "cta_text", "response_time")


def texts_to_rows(apps, schema_editor):
    Center = apps.get_model("center", "Center")
    CenterText = apps.get_model("center", "CenterText")
    for center in Center.objects.all():
        CenterText.objects.create(
            center=center, language="en", **{name: getattr(center, name) for name in TEXT_FIELDS}
        )
        spanish = {name: getattr(center, f"{name}_es") for name in TEXT_FIELDS}
        if any(spanish.values()):
            CenterText.objects.create(center=center, language="es", **spanish)


def rows_to_texts(apps, schema_editor):
    Center = apps.get_model("center", "Center")
    for center in Center.objects.all():
        for text in center.texts_by_language.all():
            suffix = "" if text.language == "en" else "_es"
            for name in TEXT_FIELDS:
                setattr(center, f"{name}{suffix}", getattr(text, name))
        center.save()


class Migration(migrations.Migration):
    dependencies = [
        ("center", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CenterText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("es", "Español")], max_length=10, verbose_name="language"
                    ),
                ),
                (
                    "cta_heading",
                    models.CharField(
                        blank=True,
                        help_text="Heading of the block that ends every page.",
                        max_length=200,
                        verbose_name="call-to-action heading",
                    ),
                ),
                (
                    "cta_text",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences inviting the reader to consult a provider at the center.",
                        verbose_name="call-to-action text",
                    ),
                ),
                (
                    "response_time",
                    models.CharField(
                        blank=True,
                        help_text="Shown after someone sends the contact form, e.g. “We usually reply within one working day.”",
                        max_length=200,
                        verbose_name="reply time",
                    ),
                ),
                (
                    "center",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="texts_by_language",
                        to="center.center",
                    ),
                ),
            ],
            options={
                "verbose_name": "texts in one language",
                "verbose_name_plural": "texts in each language",
                "ordering": ["language"],
                "constraints": [
                    models.UniqueConstraint(fields=("center", "language"), name="one_text_per_language")
                ],
            },
        ),
        migrations.RunPython(texts_to_rows, rows_to_texts),
        *(
            migrations.RemoveField(model_name="center", name=name)
            for name in (
                "cta_heading",
                "cta_text",
                "response_time",
                "cta_heading_es",
                "cta_text_es",
                "response_time_es",
            )
        ),
    ]
