# The conditions app keeps only conditions: the standalone pages now belong to the pages
# app and the center's details to the center app (their tables were renamed there).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0011_drop_constraints_named_for_the_old_app"),
        ("pages", "0001_initial"),
        ("center", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalPage"),
                migrations.DeleteModel(name="Page"),
                migrations.DeleteModel(name="OpeningHours"),
                migrations.DeleteModel(name="Center"),
            ],
        ),
    ]
