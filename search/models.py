from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One page as site search sees it, kept up to date when the page is saved.

    The text is matched by the database's own full-text search: on SQLite an FTS5
    table beside this one (search_entry_words, created by the migration), on
    PostgreSQL the ``words`` column. Every page has an entry whatever its status;
    what a reader may see is decided when searching, so scheduled publishing needs
    no re-indexing.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    language = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # One heading per line, and one block of text (paragraph, list item) per line.
    headings = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # PostgreSQL only: title, headings, summary and text as weighted lexemes.
    words = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_search_entry_per_page")
        ]

    def __str__(self):
        return self.title
