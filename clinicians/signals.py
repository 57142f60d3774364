from publishing import signals

from .models import Clinician

# A reviewer's name and credentials are on every page they reviewed.
RECEIVERS = signals.versioned(Clinician)
