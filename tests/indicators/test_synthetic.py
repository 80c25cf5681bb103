import io

import pytest
from django.core.management import CommandError, call_command

from indicators.models import BreakdownOption, Indicator, Return, Value
from strategy.models import Partnership


def test_generate_synthetic_makes_partnerships_at_the_chosen_size(db):
    out = io.StringIO()
    call_command(
        "generate_synthetic", partnerships=2, indicators=6, years=3, prefix="synth", stdout=out
    )
    partnerships = Partnership.objects.filter(slug__startswith="synth-")
    assert partnerships.count() == 2
    indicators = Indicator.objects.filter(partnership__in=partnerships)
    assert indicators.count() == 12
    # a third have a breakdown of three options: 2 x (4 whole + 2 x 3 options) x 12 quarters
    assert BreakdownOption.objects.filter(indicator__in=indicators).count() == 12
    assert Value.objects.filter(indicator__in=indicators).count() == 2 * (4 + 6) * 12
    assert Return.objects.filter(organisation__partnership__in=partnerships).count() == 2 * 6 * 12
    assert "2 partnerships, 240 figures" in out.getvalue()


def test_generate_synthetic_refuses_to_mix_with_existing_partnerships(db):
    call_command(
        "generate_synthetic",
        partnerships=1,
        indicators=1,
        years=1,
        prefix="twice",
        stdout=io.StringIO(),
    )
    with pytest.raises(CommandError, match="exist already"):
        call_command("generate_synthetic", partnerships=1, prefix="twice")
