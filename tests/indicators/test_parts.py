"""An indicator's parts held for a page of many: the same rows as Django's prefetch, in one
query a kind, read afterwards with no query."""

from indicators.models import Indicator
from indicators.parts import PARTS, with_parts


def test_the_parts_are_those_prefetch_related_gives_read_with_no_query(
    cambridgeshire, django_assert_num_queries
):
    found = Indicator.objects.filter(partnership=cambridgeshire).select_related(
        "numerator", "denominator"
    )
    # The indicators; options, definitions, targets, frequency changes and expected levels
    # (no indicator here has parts, so no query for their definitions).
    with django_assert_num_queries(1 + len(PARTS)):
        held = with_parts(found)
    prefetched = Indicator.objects.filter(partnership=cambridgeshire).prefetch_related(*PARTS)
    expected = {i.pk: i for i in prefetched}
    with django_assert_num_queries(0):
        for indicator in held:
            for name in PARTS:
                assert list(getattr(indicator, name).all()) == list(
                    getattr(expected[indicator.pk], name).all()
                ), (indicator.code, name)
    assert sum(len(i.options.all()) for i in held) > 0
    assert sum(len(i.definitions.all()) for i in held) > 0


def test_a_calculated_indicators_parts_hold_their_definitions(
    cheshire_east, django_assert_num_queries
):
    (rate,) = with_parts(
        Indicator.objects.filter(
            partnership=cheshire_east, code="police-da-incidents-per-1000"
        ).select_related("numerator", "denominator")
    )
    with django_assert_num_queries(0):
        starts = rate.definition_starts()
    assert starts == sorted(
        {
            d.applies_from
            for part in Indicator.objects.filter(
                pk__in=[rate.pk, rate.numerator_id, rate.denominator_id]
            )
            for d in part.definitions.all()
        }
    )
