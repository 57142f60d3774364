# Before the pages move to their own app: their unique constraints are named after the
# app ("conditions_page_..."), so they are dropped here and made again under the new
# name in pages.0001.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0010_search_text"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="page", name="conditions_page_one_slug_per_language"),
        migrations.RemoveConstraint(model_name="page", name="conditions_page_one_translation_per_language"),
    ]
