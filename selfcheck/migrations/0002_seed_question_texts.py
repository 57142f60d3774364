from django.db import migrations


def seed(apps, schema_editor):
    # The wording as the code had it when this migration was written; staff edit it from here.
    from selfcheck.questions import QUESTIONS

    QuestionText = apps.get_model("selfcheck", "QuestionText")
    QuestionText.objects.bulk_create(
        [
            QuestionText(
                key=key,
                language=language,
                wording=question.wording.in_language(language),
                why_it_matters=question.why.in_language(language),
            )
            for key, question in QUESTIONS.items()
            for language in ("en", "es")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("selfcheck", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
