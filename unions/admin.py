from django.contrib import admin

from .models import Branch, Union, UnionRole


class BranchInline(admin.TabularInline):
    model = Branch
    extra = 0


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    search_fields = ["name", "code"]
    inlines = [BranchInline]


@admin.register(UnionRole)
class UnionRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "union", "role"]
    list_filter = ["role", "union"]
    autocomplete_fields = ["union"]
