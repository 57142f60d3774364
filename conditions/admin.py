from django.contrib import admin

from publishing.admin import MarkdownContentAdmin

from .models import Condition


@admin.register(Condition)
class ConditionAdmin(MarkdownContentAdmin):
    editing_fields = [
        "title",
        "slug",
        "summary",
        "evidence",
        "opens_with_crisis_block",
        "body",
        "key_facts",
        "icon",
        "order",
        "related",
    ]
    live_only_fields = ["related"]
    filter_horizontal = ["related"]
