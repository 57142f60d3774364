# The standalone pages moved here from the conditions app: the state moves, and the
# tables (with their data and history) are renamed, never copied.

import django.core.validators
import django.db.models.deletion
import markdownx.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models

TABLES = [("conditions_page", "pages_page"), ("conditions_historicalpage", "pages_historicalpage")]
MODELS = ["page", "historicalpage"]


def rename_tables(apps, schema_editor, reverse=False):
    for old, new in TABLES:
        schema_editor.alter_db_table(None, *((new, old) if reverse else (old, new)))


def move_content_types(apps, schema_editor, reverse=False):
    # Permissions (and the Editor and Medical reviewer groups holding them) follow.
    ContentType = apps.get_model("contenttypes", "ContentType")
    source, target = ("pages", "conditions") if reverse else ("conditions", "pages")
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conditions", "0011_drop_constraints_named_for_the_old_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Page",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("updated", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "language",
                            models.CharField(
                                choices=[("en", "English"), ("es", "Español")],
                                default="en",
                                help_text="The language this version of the page is written in.",
                                max_length=10,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The last part of the page's web address. Lowercase letters, numbers and hyphens. If you change it, links to the old address keep working.",
                                max_length=100,
                                verbose_name="slug",
                            ),
                        ),
                        (
                            "summary",
                            models.CharField(
                                help_text="One plain sentence. Shown on listing cards and to search engines.",
                                max_length=300,
                                verbose_name="summary",
                            ),
                        ),
                        (
                            "body",
                            markdownx.models.MarkdownxField(
                                help_text="Written in Markdown. Start with the page's main message in one or two sentences, then use ## for section headings. The preview shows what patients will see.",
                                validators=[django.core.validators.MaxLengthValidator(100000)],
                                verbose_name="body",
                            ),
                        ),
                        ("body_html", models.TextField(default="", editable=False)),
                        ("body_text", models.TextField(default="", editable=False)),
                        ("search_text", models.TextField(default="", editable=False)),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                default="draft",
                                help_text="Only published pages are visible to the public.",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "publish_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="Optional. A published page with a time here stays hidden until then, and appears on its own at that time.",
                                null=True,
                                verbose_name="publish at",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.CharField(
                                blank=True,
                                help_text="Name and credentials of the clinician who last reviewed the whole page.",
                                max_length=200,
                                verbose_name="medically reviewed by",
                            ),
                        ),
                        (
                            "last_reviewed",
                            models.DateField(blank=True, null=True, verbose_name="last reviewed"),
                        ),
                        (
                            "next_review_due",
                            models.DateField(
                                blank=True,
                                help_text="Leave empty for one year after the last review.",
                                null=True,
                                verbose_name="next review due",
                            ),
                        ),
                        ("pending_changes", models.JSONField(blank=True, editable=False, null=True)),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("source_checksum", models.CharField(blank=True, editable=False, max_length=64)),
                        ("is_home", models.BooleanField(default=False, editable=False)),
                        (
                            "show_contact_details",
                            models.BooleanField(
                                default=False,
                                help_text="Show the center's address, opening hours and directions after the text.",
                                verbose_name="show contact details",
                            ),
                        ),
                        (
                            "translation_of",
                            models.ForeignKey(
                                blank=True,
                                help_text="For a translation: the English page it translates.",
                                limit_choices_to={"language": "en"},
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="translations",
                                to="pages.page",
                                verbose_name="translation of",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "page",
                        "verbose_name_plural": "pages",
                        "ordering": ["title"],
                        "permissions": [
                            ("publish_page", "Can publish pages and their changes"),
                            ("review_page", "Can record the medical review of pages"),
                        ],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalPage",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "language",
                            models.CharField(
                                choices=[("en", "English"), ("es", "Español")],
                                default="en",
                                help_text="The language this version of the page is written in.",
                                max_length=10,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The last part of the page's web address. Lowercase letters, numbers and hyphens. If you change it, links to the old address keep working.",
                                max_length=100,
                                verbose_name="slug",
                            ),
                        ),
                        (
                            "summary",
                            models.CharField(
                                help_text="One plain sentence. Shown on listing cards and to search engines.",
                                max_length=300,
                                verbose_name="summary",
                            ),
                        ),
                        (
                            "body",
                            markdownx.models.MarkdownxField(
                                help_text="Written in Markdown. Start with the page's main message in one or two sentences, then use ## for section headings. The preview shows what patients will see.",
                                validators=[django.core.validators.MaxLengthValidator(100000)],
                                verbose_name="body",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                default="draft",
                                help_text="Only published pages are visible to the public.",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "publish_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="Optional. A published page with a time here stays hidden until then, and appears on its own at that time.",
                                null=True,
                                verbose_name="publish at",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.CharField(
                                blank=True,
                                help_text="Name and credentials of the clinician who last reviewed the whole page.",
                                max_length=200,
                                verbose_name="medically reviewed by",
                            ),
                        ),
                        (
                            "last_reviewed",
                            models.DateField(blank=True, null=True, verbose_name="last reviewed"),
                        ),
                        (
                            "next_review_due",
                            models.DateField(
                                blank=True,
                                help_text="Leave empty for one year after the last review.",
                                null=True,
                                verbose_name="next review due",
                            ),
                        ),
                        ("pending_changes", models.JSONField(blank=True, editable=False, null=True)),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("created", models.DateTimeField(blank=True, editable=False, verbose_name="created")),
                        ("is_home", models.BooleanField(default=False, editable=False)),
                        (
                            "show_contact_details",
                            models.BooleanField(
                                default=False,
                                help_text="Show the center's address, opening hours and directions after the text.",
                                verbose_name="show contact details",
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "translation_of",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="For a translation: the English page it translates.",
                                limit_choices_to={"language": "en"},
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pages.page",
                                verbose_name="translation of",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical page",
                        "verbose_name_plural": "historical pages",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    rename_tables, lambda apps, editor: rename_tables(apps, editor, reverse=True)
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.UniqueConstraint(
                fields=("language", "slug"), name="pages_page_one_slug_per_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.UniqueConstraint(
                fields=("translation_of", "language"), name="pages_page_one_translation_per_language"
            ),
        ),
        migrations.RunPython(
            move_content_types, lambda apps, editor: move_content_types(apps, editor, reverse=True)
        ),
    ]
