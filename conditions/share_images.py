"""Link-preview images: 1200×630 PNGs with a page's title and the center's name.

Drawn with Pillow from the site's own colours (read from static/css/site.css, so the
images follow the stylesheet) and DejaVu Sans, the sans-serif the site falls back to
on Linux, bundled in conditions/fonts/. Each image is stored under a name derived
from the text it shows, so a new title or center name makes a new image and a
cached old one can never be shown for the new text. Images are drawn when first
asked for after a change, and all at once by the make_share_images command.
"""

import hashlib
import io
import re
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from center.models import Center

from .models import Condition

SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent / "fonts"
DIRECTORY = "share-images"
# Bump to redraw every image after a change to the drawing below.
DESIGN_VERSION = "1"
DEFAULT_COLOURS = {"brand": "#1f5f5b", "brand-dark": "#164744", "brand-tint": "#e4f0ee", "ink": "#1d2a33"}


@cache
def site_colours():
    """The colour variables of the site's stylesheet."""
    path = finders.find("css/site.css")
    css = Path(path).read_text(encoding="utf-8") if path else ""
    found = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", css))
    return {name: found.get(name, value) for name, value in DEFAULT_COLOURS.items()}


def _font(bold, size):
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(draw, text, font, max_width):
    """Greedy word wrap by measured width."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _fit_title(draw, title, max_width, max_lines=3):
    """The largest font size (and wrapped lines) that fits the title in the box."""
    for size in range(84, 35, -4):
        font = _font(True, size)
        lines = _wrap(draw, title, font, max_width)
        if len(lines) <= max_lines and all(draw.textlength(line, font=font) <= max_width for line in lines):
            return font, lines
    font = _font(True, 36)
    return font, _wrap(draw, title, font, max_width)[:max_lines]


def render(title, site_name, tagline=""):
    """PNG bytes of a 1200×630 preview image."""
    colours = site_colours()
    image = Image.new("RGB", SIZE, colours["brand-tint"])
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    margin = 80
    # A calm band on the left and a rule under the site name, in the brand colours.
    draw.rectangle([0, 0, 24, height], fill=colours["brand"])
    draw.text((margin, 70), site_name, font=_font(True, 40), fill=colours["brand-dark"])
    draw.rectangle([margin, 130, margin + 120, 136], fill=colours["brand"])

    font, lines = _fit_title(draw, title, width - 2 * margin)
    line_height = int(font.size * 1.2)
    top = (height - line_height * len(lines)) // 2 + 30
    for number, line in enumerate(lines):
        draw.text((margin, top + number * line_height), line, font=font, fill=colours["ink"])
    if tagline:
        draw.text((margin, height - 100), tagline, font=_font(False, 30), fill=colours["brand-dark"])

    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def storage_name(key, title, site_name, tagline=""):
    digest = hashlib.sha256(f"{DESIGN_VERSION}\n{title}\n{site_name}\n{tagline}".encode()).hexdigest()[:16]
    return f"{DIRECTORY}/{key}-{digest}.png"


def ensure(key, title, site_name, tagline=""):
    """The storage name of the image for this text, drawing it if it does not exist yet."""
    name = storage_name(key, title, site_name, tagline)
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(render(title, site_name, tagline)))
        if saved != name:  # another process drew it at the same moment
            default_storage.delete(saved)
    return name


def current_images():
    """(key, title, site name, tagline) of every image the site shows now."""
    center = Center.cached()
    if center is None:
        return []
    images = [_site_image_text(center)]
    for condition in Condition.objects.published():
        images.append((f"condition-{condition.slug}", condition.title, center.name, center.tagline))
    return images


def _site_image_text(center):
    from django.utils.translation import gettext

    return ("site", gettext("Ketamine therapy"), center.name, center.tagline)


def site_image(center):
    return ensure(*_site_image_text(center))


def condition_image(condition, center):
    return ensure(f"condition-{condition.slug}", condition.title, center.name, center.tagline)


def refresh_all():
    """Draw every current image and delete the ones no page shows any more.

    Returns (drawn or kept names, removed names).
    """
    current = [ensure(*image) for image in current_images()]
    try:
        _, files = default_storage.listdir(DIRECTORY)
    except FileNotFoundError:
        files = []
    removed = [f"{DIRECTORY}/{name}" for name in files if f"{DIRECTORY}/{name}" not in current]
    for name in removed:
        default_storage.delete(name)
    return current, removed
