# The center's details moved here from the conditions app: the state moves, and the
# tables (with their data) are renamed, never copied.

import django.db.models.deletion
from django.db import migrations, models

TABLES = [("conditions_center", "center_center"), ("conditions_openinghours", "center_openinghours")]
MODELS = ["center", "openinghours"]


def rename_tables(apps, schema_editor, reverse=False):
    for old, new in TABLES:
        schema_editor.alter_db_table(None, *((new, old) if reverse else (old, new)))


def move_content_types(apps, schema_editor, reverse=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    source, target = ("center", "conditions") if reverse else ("conditions", "center")
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("conditions", "0011_drop_constraints_named_for_the_old_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Center",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("building", models.CharField(blank=True, max_length=200, verbose_name="building")),
                        ("street_address", models.CharField(max_length=200, verbose_name="street address")),
                        ("locality", models.CharField(max_length=100, verbose_name="city")),
                        ("region", models.CharField(max_length=50, verbose_name="state")),
                        ("postal_code", models.CharField(max_length=20, verbose_name="ZIP code")),
                        (
                            "phone",
                            models.CharField(
                                help_text="As patients should read it, for example (310) 555-0142.",
                                max_length=30,
                                verbose_name="phone number",
                            ),
                        ),
                        (
                            "directions_url",
                            models.URLField(
                                help_text="A link to the center on a map site. Opens only when a visitor chooses it.",
                                verbose_name="directions link",
                            ),
                        ),
                        (
                            "cta_heading",
                            models.CharField(max_length=200, verbose_name="call-to-action heading"),
                        ),
                        ("cta_text", models.TextField(verbose_name="call-to-action text")),
                        ("source_checksum", models.CharField(blank=True, editable=False, max_length=64)),
                        ("updated", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "response_time",
                            models.CharField(default="", max_length=200, verbose_name="reply time"),
                        ),
                        ("cta_heading_es", models.CharField(blank=True, max_length=200)),
                        ("cta_text_es", models.TextField(blank=True)),
                        ("response_time_es", models.CharField(blank=True, max_length=200)),
                    ],
                    options={
                        "verbose_name": "center details",
                        "verbose_name_plural": "center details",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("pk", 1)), name="center_is_a_singleton"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="OpeningHours",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "weekday",
                            models.PositiveSmallIntegerField(
                                choices=[
                                    (0, "Monday"),
                                    (1, "Tuesday"),
                                    (2, "Wednesday"),
                                    (3, "Thursday"),
                                    (4, "Friday"),
                                    (5, "Saturday"),
                                    (6, "Sunday"),
                                ],
                                verbose_name="day",
                            ),
                        ),
                        ("opens", models.TimeField(verbose_name="opens")),
                        ("closes", models.TimeField(verbose_name="closes")),
                        (
                            "center",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="opening_hours",
                                to="center.center",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "opening hours",
                        "verbose_name_plural": "opening hours",
                        "ordering": ["weekday"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("center", "weekday"), name="one_opening_period_per_day"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("opens__lt", models.F("closes"))),
                                name="opens_before_closes",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    rename_tables, lambda apps, editor: rename_tables(apps, editor, reverse=True)
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types, lambda apps, editor: move_content_types(apps, editor, reverse=True)
        ),
    ]
