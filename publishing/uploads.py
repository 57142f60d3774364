"""Images that editors upload into Markdown through the editor.

An upload is trusted for nothing: the type is detected from the content by decoding
it with Pillow, only JPEG, PNG and WebP are accepted, the pixels are re-encoded (which
drops metadata such as camera GPS positions and anything appended to the file), and
the stored name is random with the extension of the detected type.
"""

import io
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Detected format -> (extension, save options)
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    # zlib's default level: "optimize" took a 16-megapixel PNG 10 s to write, twice as long.
    "PNG": ("png", {}),
    "WEBP": ("webp", {"quality": 85}),
}
# Decoding takes time in proportion to the pixels (a 6,300 × 6,300 PNG took 3 s):
# 16 megapixels keeps one upload near a second and still takes a 12-megapixel photo.
MAX_PIXELS = 16_000_000
# No page shows an image wider than this (twice the text column, for sharp phone
# screens); writing a smaller image back is most of what bounds an upload's time.
MAX_SIDE = 2000
UPLOAD_DIRECTORY = "markdownx"


class RejectedImage(Exception):
    """The upload is not an image we accept; the message is for the editor."""


def store_uploaded_image(upload):
    """Validate and re-encode an uploaded file; return the stored image's URL."""
    if upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise RejectedImage(
            _("The image is too large. The limit is %(megabytes)d MB.")
            % {"megabytes": settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(upload) as probe:
            detected = probe.format
            if detected not in ACCEPTED_FORMATS:
                raise RejectedImage(_("Only JPEG, PNG and WebP images can be uploaded."))
            if probe.width * probe.height > MAX_PIXELS:
                raise RejectedImage(_("The image has too many pixels. Please resize it first."))
        # No verify(): decoding it all below refuses a damaged or cut-off file as well,
        # and verify() decoded a PNG once more (a second of a large upload).
        upload.seek(0)
        with Image.open(upload) as image:
            # A JPEG decodes straight to a fraction of its size (1/2, 1/4, 1/8) when
            # only that much is kept: a quarter of the work, or less.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            image.load()
            # Apply the camera's rotation before the EXIF data is dropped.
            clean = ImageOps.exif_transpose(image)
            if max(clean.size) > MAX_SIDE:
                clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
            if detected == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            extension, options = ACCEPTED_FORMATS[detected]
            output = io.BytesIO()
            clean.save(output, format=detected, **options)
    except RejectedImage:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise RejectedImage(_("This file is not an image we can use.")) from error

    name = f"{UPLOAD_DIRECTORY}/{secrets.token_hex(16)}.{extension}"
    stored_name = default_storage.save(name, ContentFile(output.getvalue()))
    return default_storage.url(stored_name)
