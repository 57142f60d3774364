"""The Intake group: the only staff (with superusers) who see contact requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTAKE = "Intake"
CODENAMES = ["view_contactrequest", "change_contactrequest", "export_contactrequest", "view_statuschange"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=INTAKE)
    permissions = Permission.objects.filter(content_type__app_label="consultations", codename__in=CODENAMES)
    if permissions.count() != len(CODENAMES):
        raise RuntimeError("Contact request permissions are missing.")
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=INTAKE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("consultations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
