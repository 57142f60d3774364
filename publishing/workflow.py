"""Saving edits, restoring revisions and comparing them.

Every save of a page is recorded by django-simple-history (who, when, what). Two rules
sit on top:

* Only people who may publish change what patients see. An edit to a published page by
  anyone else is kept as the page's *pending changes* until a medical reviewer
  publishes it.
* An edit that started from an older version than the one saved is refused
  (EditConflict), so no one silently overwrites someone else's work.

Reviewers are emailed when changes start waiting for them; the editors who wrote them
when they are published or sent back (emails.py).
"""

import copy
import difflib
import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from . import emails
from .markdown import render_markdown
from .models import SentBack


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def can_review(user, model):
    return user.has_perm(f"{model._meta.app_label}.review_{model._meta.model_name}")


def _model_of(item):
    """The content model of a page or of one of its history records."""
    return getattr(item, "instance_type", type(item))


def with_pending_changes(page):
    """An unsaved copy showing the page as it will look once its pending changes are published."""
    preview = copy.copy(page)
    for name, value in (page.pending_changes or {}).items():
        setattr(preview, name, page._meta.get_field(name).to_python(value))
    preview.body_html = render_markdown(preview.body, preview.language)
    return preview


def edited_values(item):
    """The content fields as editors last wrote them: live values with pending changes on top."""
    values = {name: getattr(item, name) for name in _model_of(item).content_fields}
    for name, value in (getattr(item, "pending_changes", None) or {}).items():
        if name in values:
            values[name] = item._meta.get_field(name).to_python(value)
    return values


def save_edit(page, *, user, expected_version, reason="", for_review=False):
    """Save ``page``, which carries the editor's values, as its new version.

    Returns True when the change is live, False when it waits for review (always so
    with ``for_review``, whoever saves it).
    Raises EditConflict when someone else saved after ``expected_version``.
    """
    model = type(page)
    live = model.objects.filter(pk=page.pk).first() if page.pk else None
    if live is None or not live.is_published or (can_publish(user, model) and not for_review):
        authors = pending_authors(live) if live is not None and live.pending_changes else None
        page.pending_changes = None
        page._change_reason = reason
        page.save(expected_version=expected_version)
        if authors is not None and page.is_published:
            emails.changes_published(page, authors=authors, by=user)
        return True

    pending = {
        name: model._meta.get_field(name).value_to_string(page)
        for name in page.content_fields
        if getattr(page, name) != getattr(live, name)
    }
    # Reviewers hear once when changes start waiting (or wait again after being sent
    # back), not at every save while an editor works on them.
    newly_waiting = pending and (not live.pending_changes or sent_back(live) is not None)
    live.pending_changes = pending or None
    live._change_reason = reason or _("Changes saved for a medical reviewer to publish")
    live.save(expected_version=expected_version)
    page.pending_changes, page.version = live.pending_changes, live.version
    if newly_waiting:
        emails.changes_waiting(live, by=user)
    return False


def pending_authors(page):
    """Who wrote ``page``'s waiting changes: the people who saved it since it last had none."""
    authors = []
    for record in page.history.select_related("history_user").order_by("-history_date", "-history_id"):
        if not record.pending_changes:
            break
        if record.history_user is not None and record.history_user not in authors:
            authors.append(record.history_user)
    return authors


def sent_back(page):
    """The reviewer's SentBack of ``page``'s waiting changes, if they were sent back
    and have not been saved again since; else None."""
    if not page.pending_changes:
        return None
    return (
        SentBack.objects.filter(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            object_id=page.pk,
            version=page.version,
        )
        .select_related("sent_by")
        .order_by("-sent_at", "-pk")
        .first()
    )


def send_back(page, *, user, note):
    """Return ``page``'s waiting changes to the editors who wrote them, with a note.

    The changes stay waiting, as they are, marked sent back until the next save: the
    editor finds their text in the form, changes it and saves, which sends it for
    review again. Patients keep seeing the published page. Returns the SentBack.
    """
    with transaction.atomic():
        mark = SentBack.objects.create(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            object_id=page.pk,
            version=page.version,
            note=note,
            sent_by=user,
        )
        emails.changes_sent_back(page, authors=pending_authors(page), by=user)
    return mark


def restore(page, record, *, user):
    """Make an earlier revision's content the current one; restoring is itself a new revision.

    On a published page the restored text waits for the usual publish step, as any
    other change: an old version never reaches patients in one click. Returns False
    then, True for a draft (which the public does not see).
    """
    for name, value in edited_values(record).items():
        setattr(page, name, value)
    reason = _("Restored the version of %(date)s") % {"date": record.history_date.strftime("%Y-%m-%d %H:%M")}
    return save_edit(page, user=user, expected_version=page.version, reason=reason, for_review=True)


def restore_changes(page, record):
    """What restoring ``record`` would change, from the page as editors now see it."""
    current = with_pending_changes(page) if page.pending_changes else page
    # Only what editors write is restored; status and review dates stay as they are.
    return [change for change in compare(current, record) if change["name"] in type(page).content_fields]


def waiting_changes(page):
    """What publishing ``page``'s waiting changes would change for patients."""
    published = copy.copy(page)
    published.pending_changes = None
    return [
        change
        for change in compare(published, with_pending_changes(page))
        if change["name"] in type(page).content_fields
    ]


def compare(older, newer):
    """Field-by-field differences between two revisions, for people to read."""
    changes = []
    older_values, newer_values = edited_values(older), edited_values(newer)
    model = _model_of(newer)
    for name in model.content_fields + model.publishing_fields + model.review_fields:
        before = older_values[name] if name in older_values else getattr(older, name)
        after = newer_values[name] if name in newer_values else getattr(newer, name)
        if before == after:
            continue
        label = model._meta.get_field(name).verbose_name
        if isinstance(before, str) and isinstance(after, str) and ("\n" in before or "\n" in after):
            changes.append({"name": name, "label": label, "lines": line_diff(before, after)})
        else:
            change = {"name": name, "label": label, "before": before, "after": after}
            if isinstance(before, str) and isinstance(after, str) and before and after:
                change["words"] = word_diff(before, after)
            changes.append(change)
    return changes


def line_diff(before, after):
    """Lines of a text diff as (kind, segments), kind 'same', 'removed' or 'added'.

    Segments are (changed, text) runs. A changed line that mostly stays the same (a
    sentence edited inside a long paragraph) has its changed words marked; other
    lines are one unmarked run.
    """
    lines = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        old, new = matcher.a[a_start:a_end], matcher.b[b_start:b_end]
        if operation == "equal":
            lines.extend(("same", [(False, line)]) for line in old)
            continue
        if operation == "replace" and len(old) == len(new):
            pairs = [word_diff(a, b) for a, b in zip(old, new, strict=True)]
            lines.extend(("removed", removed) for removed, _added in pairs)
            lines.extend(("added", added) for _removed, added in pairs)
            continue
        lines.extend(("removed", [(False, line)]) for line in old)
        lines.extend(("added", [(False, line)]) for line in new)
    return lines


WORD_OR_SPACE = re.compile(r"(\s+)")


def word_diff(before, after):
    """(before, after) as (changed, text) runs, split at words; whole lines unmarked
    when they have little in common."""
    old, new = WORD_OR_SPACE.split(before), WORD_OR_SPACE.split(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if matcher.ratio() < 0.5:
        return [(False, before)], [(False, after)]
    removed, added = [], []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        changed = operation != "equal"
        if a_end > a_start:
            removed.append((changed, "".join(old[a_start:a_end])))
        if b_end > b_start:
            added.append((changed, "".join(new[b_start:b_end])))
    return removed, added
