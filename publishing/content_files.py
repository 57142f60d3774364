"""Reading and writing the Markdown files in content/.

Layout of a content directory::

    center.yaml                 the center's details (center/content_file.py)
    conditions/<slug>.md        one file per page of each Markdown model, in the
    pages/<slug>.md             model's ``content_directory`` (English)
    es/conditions/<slug>.md     the Spanish versions, each naming the English page it
    es/pages/<slug>.md          translates in `translation_of`

Other files (the center's) come from apps whose AppConfig has ``content_files()``:
objects with ``load(directory, report, force=...)`` and ``export(directory, report,
dry_run=...)``, loaded before the pages and exported with them.

A Markdown file is YAML front matter between ``---`` lines, then the body. The
format is canonical: ``serialize()`` always writes the same bytes for the same
content, so loading then exporting leaves the files byte-identical, and a checksum
of the serialized form tells whether staff have edited a page since it was loaded.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import markdown_models, render_stale_pages

REQUIRED_FIELDS = ("title", "slug", "summary")
FRONT_MATTER_DELIMITER = "---\n"


class ContentError(Exception):
    """A content file cannot be loaded. The message names the file and the field."""


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # Pages staff have edited since the last load, left as they are.
    skipped: list = field(default_factory=list)
    # Pages rendered again because a shared statement changed.
    rendered: int = 0


@dataclass
class ExportReport:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def content_directories():
    """{folder name: model} of every Markdown model kept in content files."""
    return dict(
        sorted((model.content_directory, model) for model in markdown_models() if model.content_directory)
    )


def other_content_files():
    return [
        handler for config in apps.get_app_configs() for handler in getattr(config, "content_files", list)()
    ]


def language_directory(directory, language):
    """Where a language's files live: the content directory itself for English."""
    return directory if language == settings.LANGUAGE_CODE else directory / language


def fields_for(model, language):
    """Front-matter fields of ``model`` in ``language``: a translation names its original."""
    fields = list(model.front_matter_fields)
    if language != settings.LANGUAGE_CODE:
        fields.insert(fields.index("slug") + 1, "translation_of")
    return fields


def checksum(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump_yaml(data):
    # Choices are str subclasses that YAML cannot represent; write their plain values.
    data = {key: str(value) if isinstance(value, str) else value for key, value in data.items()}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


# Serialising
# ----------------------------------------------------------------------------


def serialize(obj):
    """The canonical file text for a Markdown page."""
    front_matter = {name: _front_matter_value(obj, name) for name in fields_for(type(obj), obj.language)}
    body = obj.body.replace("\r\n", "\n").rstrip("\n") + "\n"
    return FRONT_MATTER_DELIMITER + dump_yaml(front_matter) + FRONT_MATTER_DELIMITER + body


def _front_matter_value(obj, name):
    if name == "translation_of":
        return obj.translation_of.slug if obj.translation_of_id else None
    if name in getattr(obj, "line_list_fields", ()):
        # Text kept one item per line is written as a YAML list.
        return [line for line in getattr(obj, name).splitlines() if line.strip()]
    if not obj._meta.get_field(name).many_to_many:
        return getattr(obj, name)
    # Related pages are written as a sorted list of their slugs.
    loaded = getattr(obj, "_loaded_relations", {})
    if name in loaded:
        return sorted(loaded[name])
    return sorted(getattr(obj, name).values_list("slug", flat=True)) if obj.pk else []


# Parsing
# ----------------------------------------------------------------------------


def parse_markdown_file(path, model, language=settings.LANGUAGE_CODE):
    """Front matter and body of a Markdown content file, checked against the model."""
    text = read_text(path)
    if not text.startswith(FRONT_MATTER_DELIMITER):
        raise ContentError(f"{path}: the file must start with a '---' line opening the front matter.")
    front, separator, body = text[len(FRONT_MATTER_DELIMITER) :].partition("\n" + FRONT_MATTER_DELIMITER)
    if not separator:
        raise ContentError(f"{path}: the front matter is not closed by a '---' line.")
    data = load_yaml(path, front + "\n")
    for name in REQUIRED_FIELDS:
        if data.get(name) in (None, ""):
            raise ContentError(f"{path}: the required field '{name}' is missing from the front matter.")
    allowed = fields_for(model, language)
    unknown = set(data) - set(allowed)
    if unknown:
        raise ContentError(
            f"{path}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(allowed)}."
        )
    for name in allowed:
        field = model._meta.get_field(name)
        if name == "translation_of":
            if not isinstance(data.get(name), str) or not data[name]:
                raise ContentError(
                    f"{path}: the required field 'translation_of' (the English slug) is missing."
                )
        elif field.many_to_many:
            value = data.setdefault(name, [])
            if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
                raise ContentError(f"{path}: the field '{name}' must be a list of slugs.")
        elif name in getattr(model, "line_list_fields", ()):
            value = data.setdefault(name, [])
            if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
                raise ContentError(f"{path}: the field '{name}' must be a list of lines.")
            data[name] = "\n".join(line.strip() for line in value)
        else:
            # An optional field left out of the file takes its default, as in a new page.
            data.setdefault(name, field.get_default())
    if path.stem != data["slug"]:
        raise ContentError(f"{path}: the field 'slug' ({data['slug']}) must match the file name.")
    data["body"] = body
    data["language"] = language
    return data


def read_text(path):
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise ContentError(f"{path}: the file is not UTF-8 text.") from error


def load_yaml(path, text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: the front matter is not valid YAML ({error}).") from error
    if not isinstance(data, dict):
        raise ContentError(f"{path}: the front matter must be a list of 'field: value' lines.")
    return {str(key): value for key, value in data.items()}


# Loading
# ----------------------------------------------------------------------------


def load_content(directory, *, force=False):
    """Create missing pages and update untouched ones from the files in ``directory``.

    A page that staff have changed since it was last loaded or exported is skipped and
    reported, unless ``force`` is given. Everything is loaded in one transaction: one
    bad file loads nothing.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(f"{directory}: no such content directory.")
    report = LoadReport()
    with transaction.atomic():
        for handler in other_content_files():
            handler.load(directory, report, force=force)
        # English first: translations name the English page they translate.
        for language, _name in settings.LANGUAGES:
            root = language_directory(directory, language)
            for subdirectory, model in content_directories().items():
                # Relations to other pages are set once every page of the folder exists.
                saved = []
                for path in sorted((root / subdirectory).glob("*.md")):
                    obj = _load_markdown(path, model, language, report, force=force)
                    if obj is not None:
                        saved.append((obj, path))
                for obj, path in saved:
                    _set_relations(obj, path)
        report.rendered = render_stale_pages()
    return report


def _set_relations(obj, path):
    for name, slugs in obj._loaded_relations.items():
        related_model = obj._meta.get_field(name).related_model
        found = {
            item.slug: item for item in related_model.objects.filter(language=obj.language, slug__in=slugs)
        }
        missing = sorted(set(slugs) - set(found))
        if missing:
            raise ContentError(f"{path}: the field '{name}' names unknown slug(s): {', '.join(missing)}.")
        getattr(obj, name).set(found.values())
    del obj._loaded_relations
    mark_in_sync(obj)


def _load_markdown(path, model, language, report, *, force):
    """Load one file; return the saved object, whose relations still need setting."""
    data = parse_markdown_file(path, model, language)
    relations = {name: data.pop(name) for name in list(data) if model._meta.get_field(name).many_to_many}
    if "translation_of" in data:
        original_slug = data.pop("translation_of")
        data["translation_of"] = model.objects.filter(
            language=settings.LANGUAGE_CODE, slug=original_slug
        ).first()
        if data["translation_of"] is None:
            raise ContentError(
                f"{path}: the field 'translation_of' names unknown English slug: {original_slug}."
            )
    obj = model.objects.filter(language=language, slug=data["slug"]).first()
    if obj is None:
        obj = model()
        action = report.created
    else:
        current = serialize(obj)
        if not force and checksum(current) != obj.source_checksum:
            report.skipped.append(path)
            return None
        action = report.updated
    for name, value in data.items():
        setattr(obj, name, value)
    obj._loaded_relations = relations
    if obj.pk and serialize(obj) == current:
        report.unchanged.append(path)
        return None
    save_validated(obj, path)
    action.append(path)
    return obj


def save_validated(obj, path):
    try:
        obj.full_clean(exclude=["source_checksum"])
    except ValidationError as error:
        problems = "; ".join(
            f"field '{name}': {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise ContentError(f"{path}: {problems}") from error
    obj.save()


def mark_in_sync(obj, text=None):
    """Record that the database and the files agree on this object."""
    obj.source_checksum = checksum(serialize(obj) if text is None else text)
    # update() so that the timestamp and history record staff changes only.
    type(obj).objects.filter(pk=obj.pk).update(source_checksum=obj.source_checksum)


# Exporting
# ----------------------------------------------------------------------------


def export_content(directory, *, dry_run=False):
    """Write every page (and the other content files) to ``directory``; remove files of
    deleted pages."""
    directory = Path(directory)
    report = ExportReport()
    for handler in other_content_files():
        handler.export(directory, report, dry_run=dry_run)
    for language, _name in settings.LANGUAGES:
        root = language_directory(directory, language)
        for subdirectory, model in content_directories().items():
            folder = root / subdirectory
            exported = set()
            for obj in (
                model.objects.filter(language=language).select_related("translation_of").order_by("slug")
            ):
                path = folder / f"{obj.slug}.md"
                exported.add(path)
                export_file(obj, serialize(obj), path, report, dry_run=dry_run)
            for path in sorted(folder.glob("*.md")):
                if path not in exported:
                    report.removed.append(path)
                    if not dry_run:
                        path.unlink()
    return report


def export_file(obj, text, path, report, *, dry_run):
    """Write ``text``, ``obj`` as a file, to ``path`` if it differs; note it in ``report``."""
    if path.exists() and path.read_bytes() == text.encode("utf-8"):
        report.unchanged.append(path)
    else:
        report.written.append(path)
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
    if not dry_run and obj.source_checksum != checksum(text):
        mark_in_sync(obj, text)
