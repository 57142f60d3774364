"""content/center.yaml: the center's details, its texts in each language and its hours.

Loaded before the pages and exported with them (publishing.content_files). As for
a page, a checksum of the canonical text tells an untouched record from one staff
have edited since the last load, which is left alone unless forced.
"""

import datetime

from django.conf import settings

from publishing.content_files import (
    ContentError,
    checksum,
    dump_yaml,
    export_file,
    load_yaml,
    mark_in_sync,
    read_text,
    save_validated,
)

from .models import Center, CenterText, OpeningHours

FILE_NAME = "center.yaml"
FIELDS = (
    "name",
    "building",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "phone",
    "directions_url",
)
OPTIONAL_FIELDS = {"building"}
WEEKDAYS = [name.lower() for name in OpeningHours.Weekday.names]


def canonical_text(fields, texts, hours):
    data = dict(fields)
    data["texts"] = {
        language: {name: texts[language][name] for name in CenterText.TEXT_FIELDS}
        for language, _name in settings.LANGUAGES
        if language in texts
    }
    data["opening_hours"] = [
        {
            "day": WEEKDAYS[period["weekday"]],
            "opens": period["opens"].strftime("%H:%M"),
            "closes": period["closes"].strftime("%H:%M"),
        }
        for period in sorted(hours, key=lambda period: period["weekday"])
    ]
    return dump_yaml(data)


def serialize(center):
    return canonical_text(
        {name: getattr(center, name) for name in FIELDS},
        {
            text.language: {name: getattr(text, name) for name in CenterText.TEXT_FIELDS}
            for text in center.texts_by_language.all()
        },
        [
            {"weekday": period.weekday, "opens": period.opens, "closes": period.closes}
            for period in center.opening_hours.all()
        ],
    )


def parse(path):
    """(fields, {language: texts}, hours) of a center file, checked."""
    data = load_yaml(path, read_text(path))
    fields = {}
    for name in FIELDS:
        fields[name] = data.get(name) or ""
        if name not in OPTIONAL_FIELDS and not fields[name]:
            raise ContentError(f"{path}: the required field '{name}' is missing.")
    unknown = set(data) - set(FIELDS) - {"texts", "opening_hours"}
    if unknown:
        raise ContentError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}.")
    texts = data.get("texts") or {}
    languages = dict(settings.LANGUAGES)
    if not isinstance(texts, dict) or set(texts) - set(languages) or settings.LANGUAGE_CODE not in texts:
        raise ContentError(
            f"{path}: 'texts' must give the texts in English ({settings.LANGUAGE_CODE}), and may give them "
            f"in {', '.join(sorted(set(languages) - {settings.LANGUAGE_CODE}))}."
        )
    for language, values in texts.items():
        if not isinstance(values, dict) or set(values) - set(CenterText.TEXT_FIELDS):
            raise ContentError(f"{path}: texts.{language} may have only {', '.join(CenterText.TEXT_FIELDS)}.")
        texts[language] = {name: values.get(name) or "" for name in CenterText.TEXT_FIELDS}
    hours = []
    for number, period in enumerate(data.get("opening_hours") or [], start=1):
        where = f"{path}: opening_hours entry {number}"
        if not isinstance(period, dict) or period.get("day") not in WEEKDAYS:
            raise ContentError(f"{where}: the field 'day' must be one of {', '.join(WEEKDAYS)}.")
        try:
            opens = datetime.time.fromisoformat(str(period.get("opens")))
            closes = datetime.time.fromisoformat(str(period.get("closes")))
        except ValueError as error:
            raise ContentError(
                f"{where}: the fields 'opens' and 'closes' must be times like 08:30."
            ) from error
        hours.append({"weekday": WEEKDAYS.index(period["day"]), "opens": opens, "closes": closes})
    return fields, texts, hours


def _stored():
    return Center.objects.prefetch_related("opening_hours", "texts_by_language").filter(pk=1).first()


class CenterFile:
    def load(self, directory, report, *, force):
        path = directory / FILE_NAME
        if not path.exists():
            return
        fields, texts, hours = parse(path)
        center = _stored()
        if center is None:
            center, action = Center(), report.created
        else:
            current = serialize(center)
            if not force and checksum(current) != center.source_checksum:
                report.skipped.append(path)
                return
            if canonical_text(fields, texts, hours) == current:
                report.unchanged.append(path)
                return
            action = report.updated
        for name, value in fields.items():
            setattr(center, name, value)
        save_validated(center, path)
        center.texts_by_language.all().delete()
        for language, values in texts.items():
            save_validated(CenterText(center=center, language=language, **values), path)
        center.opening_hours.all().delete()
        for period in hours:
            save_validated(OpeningHours(center=center, **period), path)
        mark_in_sync(center, serialize(_stored()))
        action.append(path)

    def export(self, directory, report, *, dry_run):
        center = _stored()
        if center is not None:
            export_file(center, serialize(center), directory / FILE_NAME, report, dry_run=dry_run)
