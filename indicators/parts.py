"""An indicator's parts for a page of many indicators: its breakdown options, definitions,
targets, changes of frequency and expected levels, with its numerator's and denominator's
definitions, one query for each kind whatever the number of indicators.

Django's `prefetch_related` reads the same rows in the same queries but then builds a filtered
query set for every indicator and relation; on a national dashboard of 60 indicators that cost
more than reading the figures (`make bench`). Here each indicator's rows are held where
`indicator.options.all()` and the rest find them, so the models and templates read them as
ever, with no query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from indicators.models import Indicator

PARTS = ("options", "definitions", "targets", "frequency_changes", "expected_levels")


def with_parts(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators (fetched with `select_related("numerator", "denominator")` where they
    may be calculated), each holding its parts; their numerators and denominators hold their
    definitions."""
    indicators = list(indicators)
    _hold(indicators, PARTS)
    _hold(
        [part for i in indicators for part in (i.numerator, i.denominator) if part], ["definitions"]
    )
    return indicators


def _hold(instances: list[Indicator], names: Iterable[str]) -> None:
    if not instances:
        return
    ids = {instance.pk for instance in instances}
    for name in names:
        relation = Indicator._meta.get_field(name)
        model, key = relation.related_model, relation.field.attname
        found: dict[int, list] = defaultdict(list)
        for row in model._default_manager.filter(**{f"{key}__in": ids}):
            found[getattr(row, key)].append(row)
        for instance in instances:
            held = QuerySet(model=model)
            held._result_cache = found.get(instance.pk, [])
            held._prefetch_done = True
            instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = held
