"""An import leaves the unchanged rows of a locked quarter alone; only a row that would change
a locked figure is refused, with its line and why."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import locks, services, tidy
from indicators.models import Value
from indicators.periods import Period

Q3 = Period(2015, 3)
HEADER = "partnership,indicator,period,breakdown,value,status,note\n"
IMPORT = "/p/cambridgeshire/import/"


def lock_q3(cambridgeshire, coordinator):
    locks.quarter_lock(
        partnership=cambridgeshire,
        quarter=Q3,
        user=coordinator,
        reason="Signed off by the board",
        outstanding_confirmed=True,
    )


def written() -> tuple:
    """Every figure as stored, and how many history records there are."""
    return (
        list(Value.objects.order_by("pk").values_list("pk", "value", "comment", "version")),
        Value.history.count(),
    )


def test_the_export_of_a_partnership_with_a_locked_quarter_imports_back_unchanged(
    client, cambridgeshire, coordinator
):
    lock_q3(cambridgeshire, coordinator)
    client.force_login(coordinator)
    exported = client.get("/p/cambridgeshire/export/values.csv").content
    assert b"2015/16 Q3" in exported
    before = written()
    response = client.post(
        IMPORT, {"file": SimpleUploadedFile("values.csv", exported)}, follow=True
    )
    page = response.content.decode()
    rows = exported.decode().count("\n") - 1
    assert f"values.csv: 0 new, 0 changed, {rows:,} unchanged." in page
    assert "is locked" not in page
    assert written() == before


def test_a_row_that_would_change_a_locked_figure_is_refused_with_its_line(
    client, cambridgeshire, coordinator
):
    lock_q3(cambridgeshire, coordinator)
    client.force_login(coordinator)
    incidents = Value.objects.get(indicator__code="police-da-incidents", period=Q3, option=None)
    marac = Value.objects.get(indicator__code="marac-cases", period=Q3, option=None)
    lines = io.StringIO()
    csv.writer(lines, lineterminator="\n").writerows(
        [
            HEADER.strip().split(","),
            # as it stands: unchanged, so left alone
            [
                "cambridgeshire",
                "police-da-incidents",
                "2015/16 Q3",
                "",
                incidents.value,
                "",
                incidents.comment,
            ],
            ["cambridgeshire", "police-da-incidents", "2015/16 Q2", "", "1", "", ""],  # open
            ["cambridgeshire", "marac-cases", "2015/16 Q3", "", marac.value + 1, "", ""],  # refused
        ]
    )
    content = lines.getvalue().encode()
    before = written()
    page = client.post(IMPORT, {"file": SimpleUploadedFile("v.csv", content)}).content.decode()
    assert "Nothing was imported: 1 row to correct" in page
    assert (
        '<th scope="row">4</th><td>2015/16 Q3 is locked: the board has signed it off, and this '
        "row would change its figure.</td>"
    ) in page
    assert written() == before


def test_a_new_figure_in_a_locked_quarter_is_refused(cambridgeshire, coordinator):
    lock_q3(cambridgeshire, coordinator)
    text = HEADER + "cambridgeshire,outreach-referrals,2015/16 Q3,,12,,\n"
    Value.objects.filter(indicator__code="outreach-referrals", period=Q3).delete()
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=tidy.read_csv(io.StringIO(text)), user=coordinator, reason="test"
        )
    assert [str(error) for error in rejected.value.errors] == [
        "line 2: 2015/16 Q3 is locked: the board has signed it off, and this row would change "
        "its figure."
    ]
