from django.contrib import admin

from .models import QuestionText, ReasonText


@admin.register(QuestionText)
class QuestionTextAdmin(admin.ModelAdmin):
    """The self-check's wording in each language; the scoring stays in code."""

    list_display = ["key", "language", "wording"]
    list_filter = ["language"]
    search_fields = ["key", "wording", "why_it_matters"]

    def get_readonly_fields(self, request, obj=None):
        # Which question a text belongs to is fixed once it exists.
        return ["key", "language"] if obj else []


@admin.register(ReasonText)
class ReasonTextAdmin(admin.ModelAdmin):
    """How the result explains each reason and note, in each language; when each applies stays in code."""

    list_display = ["key", "language", "text"]
    list_filter = ["language"]
    search_fields = ["key", "text"]

    def get_readonly_fields(self, request, obj=None):
        return ["key", "language"] if obj else []
