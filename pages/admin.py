from django.contrib import admin

from publishing.admin import MarkdownContentAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(MarkdownContentAdmin):
    # The form holds what a page says, in the order the model lists it.
    editing_fields = list(Page.content_fields)
