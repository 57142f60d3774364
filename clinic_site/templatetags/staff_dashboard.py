"""The admin's home page as a dashboard for the people who run the site.

Each list links to the place to act: reviews due, changes waiting for a medical
reviewer, changes a reviewer sent back to their editor, scheduled pages, new consultation requests and referrals (for those
who may see them: Intake and superusers), and what patients read and searched for
in vain (readership/).
"""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from consultations.models import ContactRequest
from publishing import workflow
from publishing.models import markdown_models, scheduled_filter
from readership import counting
from readership.models import DailyViews, FailedSearch

register = template.Library()

REVIEW_WINDOW_DAYS = 30
READERSHIP_DAYS = 30
READERSHIP_RECENT_DAYS = 7
LIST_LENGTH = 20


def _change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def _pages_the_user_may_see(user):
    return [
        model
        for model in markdown_models()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]


def _search_url(words, language):
    with translation.override(language):
        return reverse("search:search") + "?" + urlencode({"q": words})


def _readership(today):
    """Pages most read and searches that found nothing, over the last READERSHIP_DAYS days."""
    counting.flush()  # this worker's latest counts; the others' reach the database within a minute
    since = today - datetime.timedelta(days=READERSHIP_DAYS - 1)
    recent_since = today - datetime.timedelta(days=READERSHIP_RECENT_DAYS - 1)
    searches = FailedSearch.objects.since(since).by_words()[:LIST_LENGTH]
    return {
        "pages": list(DailyViews.objects.since(since).by_page(recent_since=recent_since)[:LIST_LENGTH]),
        "searches": [(row, _search_url(row["words"], row["language"])) for row in searches],
        "days": READERSHIP_DAYS,
        "recent_days": READERSHIP_RECENT_DAYS,
    }


@register.inclusion_tag("admin/includes/staff_dashboard.html", takes_context=True)
def staff_dashboard(context):
    user = context["request"].user
    now = timezone.now()
    due_by = timezone.localdate() + datetime.timedelta(days=REVIEW_WINDOW_DAYS)
    reviews, waiting, returned, scheduled = [], [], [], []
    models = _pages_the_user_may_see(user)
    for model in models:
        pages = model.objects.select_related("reviewer")
        reviews += [(page, _change_url(page)) for page in pages.filter(next_review_due__lte=due_by)]
        for page in pages.filter(pending_changes__isnull=False):
            # Changes a reviewer sent back wait for their editor, not for a reviewer.
            sent_back = workflow.sent_back(page)
            if sent_back is None:
                waiting.append((page, _change_url(page)))
            else:
                returned.append((page, _change_url(page), sent_back))
        scheduled += [(page, _change_url(page)) for page in pages.filter(scheduled_filter(now))]
    requests = None
    if user.has_perm("consultations.view_contactrequest"):
        new = ContactRequest.objects.filter(status=ContactRequest.Status.NEW).order_by("-created")
        requests = {
            "count": new.count(),
            "items": [
                (item, reverse("admin:consultations_contactrequest_change", args=[item.pk]))
                for item in new[:LIST_LENGTH]
            ],
            "list_url": reverse("admin:consultations_contactrequest_changelist") + "?status__exact=new",
        }
    return {
        "reviews": sorted(reviews, key=lambda entry: entry[0].next_review_due)[:LIST_LENGTH],
        "waiting": sorted(waiting, key=lambda entry: entry[0].updated, reverse=True)[:LIST_LENGTH],
        "sent_back": sorted(returned, key=lambda entry: entry[2].sent_at, reverse=True)[:LIST_LENGTH],
        "scheduled": sorted(scheduled, key=lambda entry: entry[0].publish_at)[:LIST_LENGTH],
        "requests": requests,
        "window_days": REVIEW_WINDOW_DAYS,
        "today": timezone.localdate(),
        "has_pages": bool(models),
        "readership": _readership(timezone.localdate()),
    }
