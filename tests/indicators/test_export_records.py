"""Every export of a board pack or of the figures is recorded (who, when, what), and a
coordinator reads the record."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from indicators import export_records
from indicators.models import ExportRecord
from indicators.periods import Period

EXPORTS = "/p/cambridgeshire/exports/"


def only_record() -> ExportRecord:
    [record] = ExportRecord.objects.all()
    return record


def test_downloading_the_figures_is_recorded_with_its_query(client, officer, cambridgeshire):
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/export/values.csv?quarter=2015-16-q3&objective=x")
    assert response.status_code == 200
    record = only_record()
    assert (record.partnership, record.kind, record.source) == (cambridgeshire, "values", "page")
    assert (record.made_by, record.by) == (officer, "officer")
    assert record.query == "quarter=2015-16-q3&objective=x"
    assert (record.quarter, record.publication) == (Period(2015, 3), False)
    assert record.filename == "cambridgeshire-values.csv"


def test_every_figure_without_a_quarter_is_recorded_as_every_quarter(client, coordinator):
    client.force_login(coordinator)
    client.get("/p/cambridgeshire/export/values.csv")
    assert (only_record().quarter, only_record().query) == (None, "")


@pytest.mark.parametrize(("query", "publication"), [("", False), ("?publication=1", True)])
def test_downloading_the_board_pack_is_recorded_with_its_quarter(
    client, officer, query, publication
):
    client.force_login(officer)
    assert client.get(f"/p/cambridgeshire/export/board-pack.xlsx{query}").status_code == 200
    record = only_record()
    assert (record.kind, record.by, record.publication) == ("board-pack", "officer", publication)
    assert record.quarter == Period(2015, 3)  # the latest quarter with figures, as made
    suffix = "-publication" if publication else ""
    assert record.filename == f"cambridgeshire-board-pack{suffix}.xlsx"


def test_a_board_pack_that_could_not_be_made_is_not_recorded(client, officer):
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/export/board-pack.xlsx?strategy=nowhere")
    assert response.status_code == 302
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize("who", ["police_lead", "board_member", "cheshire_coordinator"])
def test_a_refused_download_is_not_recorded(request, client, cambridgeshire, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/p/cambridgeshire/export/values.csv").status_code == 404
    assert client.get("/p/cambridgeshire/export/board-pack.xlsx").status_code == 404
    assert not ExportRecord.objects.exists()


def test_export_values_is_recorded_as_the_command(cambridgeshire, tmp_path):
    output = tmp_path / "backup.xlsx"
    call_command(
        "export_values", partnership="cambridgeshire", output=str(output), stdout=io.StringIO()
    )
    record = only_record()
    assert (record.kind, record.source, record.by, record.made_by) == (
        "values",
        "command",
        "export_values",
        None,
    )
    assert record.filename == str(output)


def test_export_board_pack_is_recorded_with_its_options(cambridgeshire, tmp_path):
    output = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership="cambridgeshire",
        quarter="2015/16 Q2",
        publication=True,
        output=str(output),
        stdout=io.StringIO(),
    )
    record = only_record()
    assert (record.kind, record.by, record.source) == ("board-pack", "export_board_pack", "command")
    assert (record.quarter, record.publication, record.query) == (
        Period(2015, 2),
        True,
        "quarter=2015-16-q2",
    )


def test_a_person_who_may_not_export_cannot_be_recorded_as_exporting(cambridgeshire, police_lead):
    with pytest.raises(PermissionDenied):
        export_records.export_record(partnership=cambridgeshire, kind="values", user=police_lead)
    with pytest.raises(ValueError, match="by a person or by a command"):
        export_records.export_record(partnership=cambridgeshire, kind="values")
    assert not ExportRecord.objects.exists()


def test_the_record_keeps_who_after_the_account_is_removed(cambridgeshire, make_member):
    leaver = make_member("leaver", cambridgeshire.organisations.first(), "officer")
    export_records.export_record(partnership=cambridgeshire, kind="values", user=leaver)
    leaver.delete()
    assert (only_record().made_by, only_record().by) == (None, "leaver")


# The page


def record(partnership, by: str, **fields) -> ExportRecord:
    return ExportRecord.objects.create(
        partnership=partnership, by=by, **{"source": "command", "kind": "values", **fields}
    )


def test_a_coordinator_reads_the_record_newest_first(client, coordinator, cambridgeshire):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    record(cambridgeshire, "first-export", made_at=datetime(2016, 3, 1, 9, 0, tzinfo=london))
    record(
        cambridgeshire,
        "second-export",
        kind="board-pack",
        quarter=Period(2015, 3),
        publication=True,
        made_at=datetime(2016, 3, 2, 9, 0, tzinfo=london),
    )
    client.force_login(coordinator)
    page = client.get(EXPORTS).content.decode()
    body = page[page.index("<tbody") :]
    assert body.index("second-export") < body.index("first-export")
    assert "2 March 2016 09:00" in body and "2015/16 Q3" in body and "Board pack" in body


def test_the_record_shows_no_other_partnerships_exports(client, coordinator, cheshire_east):
    record(cheshire_east, "cheshire-export")
    client.force_login(coordinator)
    assert "cheshire-export" not in client.get(EXPORTS).content.decode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, 3),
        ({"kind": "board-pack"}, 1),
        ({"kind": "values"}, 2),
        ({"source": "page"}, 1),
        ({"source": "command"}, 2),
        ({"publication": "true"}, 1),
        ({"publication": "false"}, 2),
    ],
)
def test_each_filter_narrows_the_record(cambridgeshire, coordinator, data, expected):
    export_records.export_record(partnership=cambridgeshire, kind="values", user=coordinator)
    export_records.export_record(partnership=cambridgeshire, kind="values", command="export_values")
    export_records.export_record(
        partnership=cambridgeshire, kind="board-pack", command="export_board_pack", publication=True
    )
    filterset = export_records.ExportRecordFilter(
        data or None, queryset=export_records.export_records(cambridgeshire)
    )
    assert filterset.qs.count() == expected


def test_the_dashboard_links_the_record_for_coordinators_only(client, coordinator, officer):
    client.force_login(coordinator)
    assert f'href="{EXPORTS}"' in client.get("/p/cambridgeshire/").content.decode()
    client.force_login(officer)
    assert f'href="{EXPORTS}"' not in client.get("/p/cambridgeshire/").content.decode()


@pytest.mark.parametrize("count", [3, 120])
def test_the_record_loads_in_a_fixed_number_of_queries(
    client, coordinator, cambridgeshire, django_assert_max_num_queries, count
):
    ExportRecord.objects.bulk_create(
        ExportRecord(partnership=cambridgeshire, by=f"user-{n}", source="page", kind="values")
        for n in range(count)
    )
    client.force_login(coordinator)
    # session, user; partnership, memberships; the count for the pages; the page of records;
    # the session save (savepoint, update, release)
    with django_assert_max_num_queries(9):
        page = client.get(EXPORTS).content.decode()
    rows = page[page.index("<tbody") : page.index("</tbody>")]
    assert rows.count("<tr") == min(count, 50)  # 50 to a page
