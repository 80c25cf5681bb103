"""The dashboard's filters: strategy, quarter, objective, reporting organisation, exceptions.

They live in the address, so a link to a filtered dashboard can go into a meeting agenda.
"""

import django_filters
from django import forms

from indicators.models import Indicator
from indicators.periods import Period
from strategy.models import Organisation, Partnership, Strategy


class DashboardFilter(django_filters.FilterSet):
    strategy = django_filters.ChoiceFilter(label="Strategy", method="keep", empty_label=None)
    quarter = django_filters.ChoiceFilter(label="Quarter", method="keep", empty_label="Latest")
    objective = django_filters.ChoiceFilter(
        label="Objective", method="keep", empty_label="All objectives"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Reported by",
        field_name="reporting_organisation",
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label="Any organisation",
    )
    exceptions = django_filters.BooleanFilter(
        label="Only exceptions", method="keep", widget=forms.CheckboxInput
    )

    class Meta:
        model = Indicator
        fields = ["strategy", "quarter", "objective", "organisation", "exceptions"]

    def __init__(
        self,
        data,
        *,
        partnership: Partnership,
        strategies: list[Strategy],
        quarters: list[Period],
        objectives,
    ):
        super().__init__(data, queryset=Indicator.objects.filter(partnership=partnership))
        self.filters["strategy"].extra["choices"] = [(s.slug, s.title) for s in strategies]
        self.filters["quarter"].extra["choices"] = [(q.slug, str(q)) for q in quarters]
        self.filters["objective"].extra["choices"] = [(o.code, o.theme) for o in objectives]
        self.filters["organisation"].queryset = Organisation.objects.filter(
            partnership=partnership, indicators__isnull=False
        ).distinct()

    def keep(self, queryset, name, value):
        """Read by the dashboard itself rather than applied to the indicators."""
        return queryset
