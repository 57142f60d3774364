import filecmp

import pytest
from django.core.management import CommandError, call_command

from center.models import Center
from conditions.models import Condition
from pages.models import Page
from publishing.content_files import load_content


def load(directory, **options):
    return load_content(directory, **options)


def test_load_creates_every_page_condition_and_the_center(db, content_dir):
    report = load(content_dir)

    for language, folder in (("en", content_dir), ("es", content_dir / "es")):
        conditions = Condition.objects.in_language(language)
        assert conditions.count() == len(list((folder / "conditions").glob("*.md"))) == 6
        assert Page.objects.in_language(language).count() == len(list((folder / "pages").glob("*.md"))) == 9
    assert Center.objects.get().opening_hours.count() == 5
    assert len(report.created) == Condition.objects.count() + Page.objects.count() + 1


def test_loading_twice_changes_nothing(db, content_dir):
    load(content_dir)
    before = {c.slug: (c.updated, c.body_html) for c in Condition.objects.all()}

    report = load(content_dir)

    assert report.created == report.updated == report.skipped == []
    assert {c.slug: (c.updated, c.body_html) for c in Condition.objects.all()} == before


def test_load_updates_a_page_staff_have_not_touched(db, content_dir):
    load(content_dir)
    path = content_dir / "conditions" / "ptsd.md"
    path.write_text(path.read_text().replace("title: ", "title: Updated ", 1))

    report = load(content_dir)

    assert report.updated == [path]
    assert Condition.objects.get(slug="ptsd").title.startswith("Updated ")


def test_load_never_overwrites_a_staff_edit(db, content_dir):
    load(content_dir)
    condition = Condition.objects.get(slug="ptsd")
    condition.body = "An editor's careful rewrite."
    condition.save()
    path = content_dir / "conditions" / "ptsd.md"
    path.write_text(path.read_text() + "\nA change in the repository.\n")

    report = load(content_dir)

    assert report.skipped == [path]
    assert Condition.objects.get(slug="ptsd").body == "An editor's careful rewrite."


def test_load_command_reports_the_skipped_page(db, content_dir, capsys):
    load(content_dir)
    Condition.objects.filter(slug="ptsd").update(title="Edited in admin")

    call_command("load_content", directory=content_dir)

    captured = capsys.readouterr()
    assert "ptsd.md" in captured.err and "edited by staff" in captured.err
    assert "skipped 1" in captured.out


def test_load_with_force_overwrites_a_staff_edit(db, content_dir):
    load(content_dir)
    Condition.objects.filter(slug="ptsd").update(title="Edited in admin")

    load(content_dir, force=True)

    assert Condition.objects.get(slug="ptsd").title != "Edited in admin"


def test_load_never_overwrites_a_page_staff_created_with_the_same_slug(db, content_dir, make_condition):
    make_condition(slug="ptsd", title="Written by staff")

    report = load(content_dir)

    assert content_dir / "conditions" / "ptsd.md" in report.skipped
    assert Condition.objects.get(slug="ptsd").title == "Written by staff"


def test_load_never_overwrites_edited_center_details(db, content_dir):
    load(content_dir)
    Center.objects.update(phone="(213) 555-0111")

    report = load(content_dir)

    assert report.skipped == [content_dir / "center.yaml"]
    assert Center.objects.get().phone == "(213) 555-0111"


def test_load_then_export_leaves_the_files_byte_identical(db, content_dir, tmp_path):
    load(content_dir)
    exported = tmp_path / "exported"

    call_command("export_content", directory=exported, verbosity=0)

    comparison = filecmp.dircmp(content_dir, exported)
    assert not comparison.left_only and not comparison.right_only
    for subdirectory in ["", "conditions", "pages"]:
        names = sorted(p.name for p in (content_dir / subdirectory).iterdir() if p.is_file())
        match, mismatch, errors = filecmp.cmpfiles(
            content_dir / subdirectory, exported / subdirectory, names, shallow=False
        )
        assert mismatch == errors == [], subdirectory


def test_export_brings_a_staff_edit_into_the_files_and_the_next_load_agrees(db, content_dir):
    load(content_dir)
    condition = Condition.objects.get(slug="ptsd")
    condition.summary = "Rewritten by an editor."
    condition.save()

    call_command("export_content", directory=content_dir, verbosity=0)
    report = load(content_dir)

    assert "summary: Rewritten by an editor." in (content_dir / "conditions" / "ptsd.md").read_text()
    assert report.skipped == []


def test_export_removes_the_file_of_a_deleted_page(db, content_dir):
    load(content_dir)
    Page.objects.filter(slug="faq").delete()

    call_command("export_content", directory=content_dir, verbosity=0)

    assert not (content_dir / "pages" / "faq.md").exists()


def test_export_dry_run_writes_nothing(db, content_dir):
    load(content_dir)
    Condition.objects.filter(slug="ptsd").update(title="Changed")
    before = (content_dir / "conditions" / "ptsd.md").read_bytes()

    call_command("export_content", directory=content_dir, dry_run=True, verbosity=0)

    assert (content_dir / "conditions" / "ptsd.md").read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title: PTSD\nslug: ptsd\n---\nbody", "must start with a '---' line"),
        ("---\ntitle: PTSD\nslug: ptsd\nsummary: x\nbody", "not closed"),
        ("---\ntitle: [unclosed\nslug: ptsd\n---\nbody", "not valid YAML"),
        ("---\ntitle: PTSD\nslug: ptsd\n---\nbody", "required field 'summary'"),
        ("---\nslug: ptsd\nsummary: x\n---\nbody", "required field 'title'"),
        ("---\ntitle: PTSD\nslug: ptsd\nsummary: x\ncolour: red\n---\nbody", "unknown field(s) colour"),
        ("---\ntitle: PTSD\nslug: ptsd\nsummary: x\nstatus: maybe\n---\nbody", "field 'status'"),
        ("---\ntitle: PTSD\nslug: ptsd\nsummary: x\norder: first\n---\nbody", "field 'order'"),
        ("---\ntitle: PTSD\nslug: other\nsummary: x\n---\nbody", "must match the file name"),
    ],
)
def test_malformed_content_file_stops_with_a_clear_message_and_loads_nothing(
    db, content_dir, content, message
):
    (content_dir / "conditions" / "ptsd.md").write_text(content)

    with pytest.raises(CommandError) as error:
        call_command("load_content", directory=content_dir)

    assert "ptsd.md" in str(error.value)
    assert message in str(error.value)
    assert Condition.objects.count() == Page.objects.count() == Center.objects.count() == 0


def test_malformed_center_file_names_the_field(db, content_dir):
    path = content_dir / "center.yaml"
    path.write_text(path.read_text().replace("phone:", "telephone:"))

    with pytest.raises(CommandError, match=r"center.yaml: the required field 'phone' is missing"):
        call_command("load_content", directory=content_dir)
    assert Condition.objects.count() == 0


def test_a_bad_file_after_good_ones_rolls_everything_back(db, content_dir):
    (content_dir / "pages" / "zzz-broken.md").write_text(
        "---\ntitle: Broken\nslug: zzz-broken\n---\nno summary"
    )

    with pytest.raises(CommandError):
        call_command("load_content", directory=content_dir)

    assert Condition.objects.count() == 0
