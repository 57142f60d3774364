"""Daily counts of what patients read and what their searches did not find.

A row is a count for one day and nothing else: no visitor, address, browser, time
of day or referrer is kept, so no row can be traced back to a person.
"""

from django.db import models
from django.db.models import Q, Sum


class CountQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def before(self, day):
        return self.filter(day__lt=day)


class DailyViewsQuerySet(CountQuerySet):
    def by_page(self, *, recent_since):
        """One row per page, most read first: its views in all, and since ``recent_since``."""
        return (
            self.values("path")
            .annotate(views=Sum("count"), recent=Sum("count", filter=Q(day__gte=recent_since), default=0))
            .order_by("-views", "path")
        )


class FailedSearchQuerySet(CountQuerySet):
    def by_words(self):
        """One row per query and language, most searched first."""
        return self.values("words", "language").annotate(searches=Sum("count")).order_by("-searches", "words")


class DailyViews(models.Model):
    path = models.CharField(max_length=200, help_text="The page's address, without its query string.")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = DailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = "daily page views"
        verbose_name_plural = "daily page views"
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="readership_one_count_per_page_a_day")
        ]

    def __str__(self):
        return f"{self.path} on {self.day}: {self.count}"


class FailedSearch(models.Model):
    words = models.CharField(max_length=100, help_text="The query, lowercased and single-spaced.")
    language = models.CharField(max_length=8)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = FailedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "words"], name="readership_one_count_per_search_a_day"
            )
        ]

    def __str__(self):
        return f"{self.words!r} ({self.language}) on {self.day}: {self.count}"
