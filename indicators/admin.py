from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    BreakdownOption,
    Indicator,
    IndicatorDefinition,
    Return,
    Target,
    Value,
)
from strategy.text import CleanTextAdmin


class BreakdownOptionInline(CleanTextAdmin, admin.TabularInline):
    model = BreakdownOption
    extra = 0


class IndicatorDefinitionInline(CleanTextAdmin, admin.TabularInline):
    model = IndicatorDefinition
    extra = 0


class TargetInline(CleanTextAdmin, admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = [
        "code",
        "title",
        "partnership",
        "unit",
        "frequency",
        "year_rule",
        "direction",
        "reporting_organisation",
    ]
    list_filter = ["partnership", "unit", "frequency", "direction"]
    search_fields = ["code", "title"]
    list_select_related = ["partnership", "reporting_organisation"]
    filter_horizontal = ["objectives"]
    inlines = [BreakdownOptionInline, IndicatorDefinitionInline, TargetInline]


@admin.register(BreakdownOption)
class BreakdownOptionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["label", "code", "indicator"]
    list_filter = ["indicator__partnership"]
    search_fields = ["label", "code", "indicator__code"]
    list_select_related = ["indicator"]


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["indicator", "applies_from"]
    list_filter = ["indicator__partnership"]
    list_select_related = ["indicator"]


@admin.register(Target)
class TargetAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["indicator", "year", "value", "tolerance"]
    list_filter = ["indicator__partnership", "year"]
    list_select_related = ["indicator"]


@admin.register(Value)
class ValueAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "period",
        "option",
        "value",
        "missing_reason",
        "updated_by",
        "updated_at",
    ]
    list_filter = ["indicator__partnership", "missing_reason", "indicator__unit", "period"]
    search_fields = ["indicator__code", "indicator__title", "comment"]
    list_select_related = ["indicator", "option", "updated_by"]
    history_list_display = ["value", "missing_reason", "comment", "history_change_reason"]
    readonly_fields = ["version", "updated_at"]


@admin.register(Return)
class ReturnAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["organisation", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "period", "organisation__partnership"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
