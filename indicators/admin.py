from django import forms
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from indicators.calculated import calculated_refusal
from indicators.models import (
    BreakdownOption,
    ExpectedLevel,
    FrequencyChange,
    Indicator,
    IndicatorDefinition,
    Return,
    Target,
    Value,
)
from indicators.periods import PeriodError, parse_period
from indicators.years import partnership_years
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


class ExpectedLevelInline(CleanTextAdmin, admin.TabularInline):
    model = ExpectedLevel
    extra = 0


class FrequencyChangeInline(admin.TabularInline):
    model = FrequencyChange
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
        "multiplier",
    ]
    list_filter = ["partnership", "unit", "frequency", "direction"]
    search_fields = ["code", "title"]
    list_select_related = ["partnership", "reporting_organisation"]
    filter_horizontal = ["objectives"]
    inlines = [
        BreakdownOptionInline,
        IndicatorDefinitionInline,
        FrequencyChangeInline,
        TargetInline,
        ExpectedLevelInline,
    ]


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


@admin.register(ExpectedLevel)
class ExpectedLevelAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "applies_from", "value", "source", "compares"]
    list_filter = ["indicator__partnership"]
    list_select_related = ["indicator"]
    history_list_display = ["applies_from", "value", "source", "compares"]


class ValueAdminForm(forms.ModelForm):
    """A figure's period must lie in its partnership's years, as on every other way in (the
    admin gives the model and fields)."""

    def clean(self):
        cleaned = super().clean()
        indicator, text = cleaned.get("indicator"), cleaned.get("period")
        try:
            period = parse_period(text) if text else None
        except PeriodError:
            return cleaned  # the model's field says why
        if indicator is not None and indicator.is_calculated:
            self.add_error("indicator", calculated_refusal(indicator))
        elif indicator is not None and period is not None:
            problem = partnership_years(indicator.partnership).problem(period)
            if problem:
                self.add_error("period", problem)
        return cleaned


@admin.register(Value)
class ValueAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    form = ValueAdminForm
    list_display = [
        "indicator",
        "period",
        "option",
        "value",
        "missing_reason",
        "state",
        "updated_by",
        "updated_at",
    ]
    list_filter = [
        "indicator__partnership",
        "state",
        "missing_reason",
        "indicator__unit",
        "period",
    ]
    search_fields = ["indicator__code", "indicator__title", "comment"]
    list_select_related = ["indicator", "option", "updated_by"]
    history_list_display = ["value", "missing_reason", "comment", "history_change_reason"]
    readonly_fields = [
        "version",
        "updated_at",
        "state",
        "approved_value",
        "approved_missing_reason",
        "approved_comment",
        "approved_corrective_action",
        "approved_at",
        "approved_by",
    ]

    def save_model(self, request, obj, form, change):
        """A correction in the admin is a coordinator's: the board sees it at once."""
        obj.approve(by=request.user, at=timezone.now())
        super().save_model(request, obj, form, change)


@admin.register(Return)
class ReturnAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["organisation", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "period", "organisation__partnership"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
