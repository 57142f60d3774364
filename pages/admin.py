from django.contrib import admin

from publishing.admin import MarkdownContentAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(MarkdownContentAdmin):
    editing_fields = [
        "title",
        "slug",
        "summary",
        "body",
        "audience",
        "show_contact_details",
        "show_prices",
        "show_care_card",
    ]
