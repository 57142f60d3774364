"""Draw the link-preview images for every condition and the site.

Images are also drawn on first request, but running this after load_content (on
deploy, and by `make run`) means the first person to paste a link gets an instant
preview, and it removes images of old titles.
"""

from django.core.management.base import BaseCommand

from conditions.share_images import refresh_all


class Command(BaseCommand):
    help = "Draw link-preview images (1200x630 PNG) and remove images of old titles."

    def handle(self, *args, verbosity, **options):
        current, removed = refresh_all()
        if verbosity:
            self.stdout.write(f"{len(current)} image(s) ready, {len(removed)} old image(s) removed.")
