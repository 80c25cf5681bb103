"""A whole partnership's tidy export, imported into a database with the same indicators and no
figures, gives back the same figures."""

import io

from django.core.management import call_command

from indicators.models import Value


def figures(partnership):
    return sorted(
        (
            v.indicator.code,
            str(v.period),
            v.option.code if v.option else "",
            v.value,
            v.missing_reason,
            v.comment,
        )
        for v in Value.objects.filter(indicator__partnership=partnership).select_related(
            "indicator", "option"
        )
    )


def test_the_tidy_export_restores_every_figure(cambridgeshire, tmp_path):
    before = figures(cambridgeshire)
    assert len(before) > 100
    backup = tmp_path / "cambridgeshire.xlsx"
    call_command(
        "export_values", partnership="cambridgeshire", output=str(backup), stdout=io.StringIO()
    )
    Value.objects.filter(indicator__partnership=cambridgeshire).delete()
    assert figures(cambridgeshire) == []
    out = io.StringIO()
    call_command("import_values", str(backup), reason="Restored from backup", stdout=out)
    assert f"{len(before)} new" in out.getvalue()
    assert figures(cambridgeshire) == before
