"""Words shown in English or Spanish, chosen when they are shown.

The self-check's questions keep both languages side by side (as publishing/statements.py
does), so a reviewer reads the English and the Spanish of one question together.
"""

from django.conf import settings
from django.utils.translation import get_language


class Text:
    def __init__(self, en, es):
        self.by_language = {"en": en, "es": es}

    def __str__(self):
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return self.by_language.get(language, self.by_language["en"])

    def in_language(self, language):
        return self.by_language.get(language, self.by_language["en"])
