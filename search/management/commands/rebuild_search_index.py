from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Index every page for site search again (pages are indexed when saved; this is for repairs)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Indexed {count} pages for search.")
