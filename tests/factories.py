"""Helpers the feature tests share: admin addresses and admin form data."""

import uuid

from django.urls import reverse

from conditions.models import Condition

# The six condition pages in content/, in their order on the site.
CONDITION_SLUGS = [
    "treatment-resistant-depression",
    "anxiety-disorders",
    "ptsd",
    "chronic-pain",
    "suicidal-ideation",
    "bipolar-disorder",
]
# What a patient writes in the contact form's message box.
MESSAGE = "I have had depression for years and my medicines have not helped."


def admin_url(model, view, *args):
    """The admin's address for ``view`` ("change", "history", ...) of a model or object;
    through reverse(), since DJANGO_ADMIN_PATH can move the admin."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_url(item):
    return admin_url(item, "change", item.pk)


def form_data(item, **changes):
    """What the admin change form posts for ``item``, with some fields changed."""
    data = {
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "body": item.body,
        "status": item.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "reviewed_by": item.reviewed_by,
        "reviewer": item.reviewer_id or "",
        "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else "",
        "next_review_due": item.next_review_due.isoformat() if item.next_review_due else "",
        "edit_version": item.version,
    }
    if isinstance(item, Condition):
        data.update(
            order=item.order,
            opens_with_crisis_block="on" if item.opens_with_crisis_block else "",
            icon=item.icon,
            key_facts=item.key_facts,
            evidence=item.evidence,
            related=[related.pk for related in item.related.all()] if item.pk else [],
        )
    else:
        data.update(
            show_contact_details="on" if item.show_contact_details else "",
            show_prices="on" if item.show_prices else "",
            show_care_card="on" if item.show_care_card else "",
        )
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def consultation(**changes):
    data = {
        "name": "Maria Lopez",
        "phone": "(310) 555-0177",
        "email": "maria@example.org",
        "preferred_method": "phone",
        "preferred_time": "morning",
        "topic": "treatment-resistant-depression",
        "message": MESSAGE,
        "consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def referral(**changes):
    data = {
        "referrer_name": "Dr. Sam Lee",
        "referrer_role": "Psychiatrist",
        "referrer_practice": "Westside Psychiatry",
        "referrer_phone": "(213) 555-0190",
        "referrer_email": "slee@example.org",
        "name": "Alex Kim",
        "phone": "(323) 555-0111",
        "email": "",
        "topic": "ptsd",
        "message": "Two failed SSRI trials.",
        "consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
