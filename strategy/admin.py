from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from strategy.models import (
    Action,
    Invitation,
    Membership,
    Objective,
    Organisation,
    Partnership,
    RagUpdate,
    SelfAssessment,
    Standard,
    StandardRating,
    StandardSection,
    Strategy,
)
from strategy.text import CleanTextAdmin


@admin.register(Partnership)
class PartnershipAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "area", "predecessor", "return_due_days"]
    list_filter = ["board_sees_submitted", "rag_definitions_own"]
    history_list_display = [
        "suppression_threshold",
        "shares_benchmarks",
        "board_sees_submitted",
        "signal_baseline_from",
        "signal_baseline_to",
        "percentage_points_tolerance",
    ]
    search_fields = ["name", "slug", "area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "partnership", "type", "slug"]
    list_filter = ["partnership", "type"]
    search_fields = ["name", "slug"]
    list_select_related = ["partnership"]


@admin.register(Membership)
class MembershipAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "partnership"]
    list_filter = ["role", "organisation__partnership"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation__partnership"]
    autocomplete_fields = ["organisation"]

    @admin.display(ordering="organisation__partnership__name")
    def partnership(self, membership: Membership) -> str:
        return membership.organisation.partnership.name


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made on the People page; here they are only read."""

    list_display = [
        "email",
        "name",
        "role",
        "organisation",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["partnership", "role"]
    search_fields = ["email", "name"]
    list_select_related = ["organisation"]
    readonly_fields = [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


class ObjectiveInline(CleanTextAdmin, admin.StackedInline):
    model = Objective
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "partnership", "start_year", "end_year", "successor"]
    list_filter = ["partnership"]
    search_fields = ["title", "slug"]
    list_select_related = ["partnership", "successor"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["theme", "strategy", "code", "order"]
    list_filter = ["strategy__partnership", "strategy"]
    search_fields = ["theme", "statement"]
    list_select_related = ["strategy"]


class RagUpdateInline(CleanTextAdmin, admin.TabularInline):
    model = RagUpdate
    extra = 0
    fields = ["period", "rag", "progress", "reason", "updated_by"]


@admin.register(Action)
class ActionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = [
        "area_for_development_short",
        "objective",
        "lead_organisation",
        "lead_officer_name",
        "task_group",
        "target_date",
        "status",
    ]
    list_filter = [
        "status",
        "objective__strategy__partnership",
        "objective__strategy",
        "task_group",
    ]
    search_fields = ["area_for_development", "description", "lead_officer"]
    list_select_related = ["objective__strategy", "lead_organisation", "lead_officer_user"]
    autocomplete_fields = ["lead_officer_user"]
    inlines = [RagUpdateInline]

    @admin.display(description="lead officer")
    def lead_officer_name(self, action: Action) -> str:
        return action.lead_officer_name

    @admin.display(description="area for development")
    def area_for_development_short(self, action: Action) -> str:
        return str(action)


@admin.register(RagUpdate)
class RagUpdateAdmin(CleanTextAdmin, SimpleHistoryAdmin):
    list_display = ["action", "period", "rag", "updated_by", "updated_at"]
    list_filter = ["rag", "period", "action__objective__strategy__partnership"]
    list_select_related = ["action", "updated_by"]


class StandardInline(CleanTextAdmin, admin.TabularInline):
    model = Standard
    extra = 0


@admin.register(StandardSection)
class StandardSectionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "partnership", "code", "order"]
    list_filter = ["partnership"]
    inlines = [StandardInline]


class StandardRatingInline(CleanTextAdmin, admin.TabularInline):
    model = StandardRating
    extra = 0


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["organisation", "completed_on", "completed_by"]
    list_filter = ["organisation__partnership"]
    list_select_related = ["organisation", "completed_by"]
    inlines = [StandardRatingInline]
