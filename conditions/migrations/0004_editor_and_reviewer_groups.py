"""The two staff roles of the editorial workflow.

Editor: writes and changes drafts; changes to published pages wait for review.
Medical reviewer: also publishes, unpublishes, deletes and records medical reviews.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
MEDICAL_REVIEWER = "Medical reviewer"
CONTENT_MODELS = ["condition", "page"]

GROUP_PERMISSIONS = {
    EDITOR: [
        *(f"{action}_{model}" for model in CONTENT_MODELS for action in ("view", "add", "change")),
        "view_center",
        "view_openinghours",
        "view_redirect",
    ],
    MEDICAL_REVIEWER: [
        *(
            f"{action}_{model}"
            for model in CONTENT_MODELS
            for action in ("view", "add", "change", "delete", "publish", "review")
        ),
        "view_center",
        "view_openinghours",
        "view_redirect",
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for label in ("conditions", "redirects"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label__in=["conditions", "redirects"], codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found for group {name}: {sorted(missing)}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("conditions", "0003_editorial_workflow"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
