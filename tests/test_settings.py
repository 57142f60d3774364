import os
import subprocess
import sys

from django.conf import settings


def settings_value(expression, **environment):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "clinic_site.settings", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_suite_runs_with_debug_off():
    assert settings.DEBUG is False
    # ... because that is the settings' own default, not something the tests switched.
    assert "DJANGO_DEBUG" not in os.environ
    assert settings_value("settings.DEBUG", DJANGO_SECRET_KEY="k" * 50) == "False"


def test_development_opts_in_to_debug():
    assert settings_value("settings.DEBUG", DJANGO_DEBUG="1") == "True"


def test_every_signal_receiver_is_connected_with_debug_off():
    """The production configuration, in a process of its own: the receivers that keep
    links working and caches fresh are all live (system check clinic_site.E001)."""
    code = (
        "import django, gc; django.setup(); gc.collect(); "
        "from clinic_site.checks import check_signal_receivers_are_connected as check; "
        "from django.apps import apps; "
        "receivers = [r for c in apps.get_app_configs() for r in getattr(c, 'signal_receivers', list)()]; "
        "print(len(receivers), len(check(None)))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DJANGO_SECRET_KEY": "k" * 50},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    receivers, errors = map(int, result.stdout.split())
    assert receivers >= 15 and errors == 0


def test_the_receiver_check_notices_a_missing_receiver():
    from django.db.models.signals import post_save

    from center.models import Center
    from clinic_site.checks import check_signal_receivers_are_connected
    from publishing.signals import start_new_content_version

    UID = "publishing.signals.start_new_content_version.center.center"
    post_save.disconnect(start_new_content_version, sender=Center, dispatch_uid=UID)
    try:
        errors = check_signal_receivers_are_connected(None)
    finally:
        post_save.connect(
            start_new_content_version,
            sender=Center,
            weak=False,
            dispatch_uid=UID,
        )

    assert [error.id for error in errors] == ["clinic_site.E001"]
    assert "start_new_content_version" in errors[0].msg and "Center" in errors[0].msg
    assert check_signal_receivers_are_connected(None) == []


def run_check(**environment):
    env = {**os.environ, **environment}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_on_the_development_secret_key():
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**environment, "DJANGO_DEBUG": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="a" * 60)

    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "django.db.backends.postgresql"
