"""List pages whose medical review is due, for a scheduled job.

Health content must be reviewed on a planned cycle. Run this daily (cron, CI
schedule): it prints the pages due within --days and exits with status 1 when any
page is overdue, so the job's failure alerts someone.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from publishing.models import markdown_models
from publishing.review import ReviewStatus


class Command(BaseCommand):
    help = "List pages due for medical review; exit non-zero if any review is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=30,
            help="Also list pages due within this many days (default: 30).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be zero or more.")
        today = timezone.localdate()
        due = []
        for model in markdown_models():
            unreviewed = model.objects.filter(next_review_due__isnull=True)
            for page in [*model.objects.review_due_within(days), *unreviewed]:
                due.append(page)
        overdue = [page for page in due if page.review_status in (ReviewStatus.OVERDUE, ReviewStatus.NEVER)]
        for page in sorted(due, key=lambda page: (page.next_review_due or today, page.title)):
            if page.next_review_due is None:
                when = "never reviewed"
            elif page.next_review_due < today:
                when = f"OVERDUE since {page.next_review_due:%Y-%m-%d}"
            else:
                when = f"due {page.next_review_due:%Y-%m-%d}"
            self.stdout.write(
                f"{when:28} {page._meta.verbose_name}: {page.title} ({page.get_absolute_url()})"
            )
        self.stdout.write(
            f"{len(due)} page(s) due within {days} days, {len(overdue)} overdue or never reviewed."
        )
        if overdue:
            raise CommandError(f"{len(overdue)} page(s) are overdue for medical review.", returncode=1)
