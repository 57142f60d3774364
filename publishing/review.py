"""Medical review dates: when a page is due for its next review, as one rule.

Each review status is a range of next-review dates, defined once in
``review_periods()``; the status of one page and the admin's filter over many are
both read from it.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A page whose next review falls within this many days is "due soon".
REVIEW_DUE_SOON_DAYS = 30
ONE_DAY = datetime.timedelta(days=1)


class ReviewStatus(models.TextChoices):
    OVERDUE = "overdue", _("Review overdue")
    DUE_SOON = "due_soon", _("Review due soon")
    CURRENT = "current", _("Reviewed")
    NEVER = "never", _("Never reviewed")


def review_periods(today=None):
    """{status: (earliest, latest) next-review date} of each dated status (None: open)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS)
    return {
        ReviewStatus.OVERDUE: (None, today - ONE_DAY),
        ReviewStatus.DUE_SOON: (today, soon),
        ReviewStatus.CURRENT: (soon + ONE_DAY, None),
    }


def review_status_of(next_review_due):
    if next_review_due is None:
        return ReviewStatus.NEVER
    for status, (earliest, latest) in review_periods().items():
        if (earliest is None or next_review_due >= earliest) and (
            latest is None or next_review_due <= latest
        ):
            return status
    raise AssertionError("the review periods cover every date")


def review_status_filter(status):
    """A filter for pages in ``status``."""
    if status == ReviewStatus.NEVER:
        return Q(next_review_due__isnull=True)
    earliest, latest = review_periods()[status]
    found = Q()
    if earliest is not None:
        found &= Q(next_review_due__gte=earliest)
    if latest is not None:
        found &= Q(next_review_due__lte=latest)
    return found


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + datetime.timedelta(days=365)
