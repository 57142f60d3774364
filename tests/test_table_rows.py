"""The site_content fixture's copy of load_content's rows (tests/table_rows.py): the same
database as the command made, or nothing copied at all."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction

from center.models import Center
from tests import table_rows

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="rows are copied on SQLite only")


@pytest.fixture
def content_rows(db):
    """(the rows load_content adds, the whole database it leaves), then rolled back."""
    with transaction.atomic():
        taken = table_rows.rows_added_by(lambda: call_command("load_content", verbosity=0))
        made = table_rows.database_rows()
        transaction.set_rollback(True)
    return taken, made


def test_copying_the_rows_gives_the_database_the_command_made(content_rows, client):
    taken, made = content_rows
    assert "search_entry_words" in taken.tables  # the full-text index, by its rowids

    assert table_rows.copy_into(taken)

    assert table_rows.database_rows() == made
    # The full-text index answers from its copied rows.
    results = client.get("/search/", {"q": "post-traumatic stress"}).content.decode()
    assert 'href="/conditions/ptsd/"' in results.partition('class="search-results"')[2]


def test_nothing_is_copied_into_a_table_that_has_rows(content_rows, center):
    taken, _ = content_rows

    assert not table_rows.copy_into(taken)
    assert Center.objects.get() == center


def test_nothing_is_copied_where_a_content_type_the_rows_name_is_another(content_rows):
    taken, _ = content_rows
    ContentType.objects.filter(app_label="pages", model="page").update(model="renamed")

    assert not table_rows.copy_into(taken)
