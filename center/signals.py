from publishing import signals

from .models import Center, CenterText, OpeningHours

# The center's details are on every page.
RECEIVERS = signals.versioned(Center, CenterText, OpeningHours)
