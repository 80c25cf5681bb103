"""Tidy data in and out: all or nothing, every bad row reported, a round trip changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from indicators import services, tidy
from indicators.models import Value
from indicators.periods import Period

HEADER = "partnership,indicator,period,breakdown,value,status,note\n"


def rows(text: str) -> list[tidy.TidyRow]:
    return tidy.read_csv(io.StringIO(HEADER + text))


def incidents(period: Period) -> Value:
    return Value.objects.get(indicator__code="police-da-incidents", period=period, option=None)


def test_an_import_writes_new_figures_and_keeps_history_of_changes(cambridgeshire, officer):
    summary = services.values_import(
        rows=rows(
            "cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,Provisional\n"
            "cambridgeshire,police-da-incidents,2015-16 Q3,,1860,,Revised by the force\n"
        ),
        user=officer,
        reason="Q4 return",
    )
    assert (summary.created, summary.changed) == (1, 1)
    assert incidents(Period(2015, 4)).value == 1790
    revised = incidents(Period(2015, 3))
    assert revised.value == 1860
    assert revised.version == 2
    latest, earlier = revised.history.order_by("-history_date")[:2]
    assert (earlier.value, latest.value) == (Decimal("1859.00"), Decimal("1860.00"))
    assert (latest.history_user, latest.history_change_reason) == (officer, "Q4 return")


def test_a_bad_row_writes_nothing_and_every_bad_row_is_reported(cambridgeshire, officer):
    before = list(Value.objects.values_list("pk", "value", "missing_reason", "comment"))
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows(
                "cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,fine on its own\n"
                "cambridgeshire,police-da-incidents,2015/17 Q1,,5,,\n"
                "cambridgeshire,no-such-indicator,2015/16 Q1,,5,,\n"
                "cambridgeshire,idva-engagement-rate,2015/16 Q4,,181%,,\n"
                "cambridgeshire,police-da-incidents,2016/17 Q1,,12.5,,\n"
                "cambridgeshire,refuge-occupancy-rate,2015/16,nowhere,80,,\n"
                "cambridgeshire,court-cases,2016/17,,12,not-yet-released,\n"
                "cambridgeshire,court-cases,2017/18,,,,\n"
                "cambridgeshire,court-cases,2018/19,,,lost,\n"
                "elsewhere,police-da-incidents,2015/16 Q1,,5,,\n"
                "cambridgeshire,police-da-incidents,2015/16 Q4,,1791,,twice\n"
            ),
            user=officer,
            reason="bad file",
        )
    lines = {error.line for error in rejected.value.errors}
    assert lines == set(range(3, 13))
    messages = "\n".join(map(str, rejected.value.errors))
    assert "line 3: '2015/17 Q1' is not a financial year" in messages
    assert "line 4: no indicator 'no-such-indicator'" in messages
    assert "line 5: '181%' is not a percentage between 0 and 100" in messages
    assert "line 6: '12.5' is not a count" in messages
    assert "line 7: 'nowhere' is not a breakdown of 'refuge-occupancy-rate'" in messages
    assert "line 8: a row with status 'not-yet-released' must leave value empty" in messages
    assert "line 9: value is empty" in messages
    assert "line 10: status 'lost' is not one of" in messages
    assert "line 11: no partnership 'elsewhere'" in messages
    assert "line 12: the same figure as line 2" in messages
    assert list(Value.objects.values_list("pk", "value", "missing_reason", "comment")) == before


def test_percentages_may_be_written_with_a_percent_sign(cambridgeshire):
    services.values_import(
        rows=rows("cambridgeshire,idva-engagement-rate,2015/16 Q4,,81%,,\n"), reason="test"
    )
    assert (
        Value.objects.get(indicator__code="idva-engagement-rate", period="2015/16 Q4").value == 81
    )


def test_a_person_may_import_only_for_a_partnership_they_coordinate_or_serve(
    cambridgeshire, police_lead, cheshire_coordinator
):
    line = "cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,\n"
    for user in (police_lead, cheshire_coordinator):
        with pytest.raises(services.ImportRejected, match="1 bad row"):
            services.values_import(rows=rows(line), user=user, reason="test")
    assert not Value.objects.filter(period="2015/16 Q4", indicator__code="police-da-incidents")


def test_rows_for_a_partnership_one_may_not_import_for_tell_nothing_of_its_indicators(
    cambridgeshire, cheshire_coordinator
):
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows("cambridgeshire,refuge-occupancy-rate,2015/16,nowhere,80,,\n"),
            user=cheshire_coordinator,
            reason="test",
        )
    assert [str(error) for error in rejected.value.errors] == [
        "line 2: no partnership 'cambridgeshire' you may import figures for."
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_importing_an_export_changes_nothing(cambridgeshire, tmp_path, suffix):
    exported = tmp_path / f"values{suffix}"
    call_command(
        "export_values", partnership="cambridgeshire", output=str(exported), stdout=io.StringIO()
    )
    before = list(Value.objects.values_list("pk", "value", "missing_reason", "comment", "version"))
    history = Value.history.count()
    out = io.StringIO()
    call_command("import_values", str(exported), stdout=out)
    assert f"0 new, 0 changed, {len(tidy.read_rows(exported))} unchanged" in out.getvalue()
    assert (
        list(Value.objects.values_list("pk", "value", "missing_reason", "comment", "version"))
        == before
    )
    assert Value.history.count() == history


def test_a_note_that_looks_like_a_formula_is_written_as_text_and_read_back_as_it_was(
    cambridgeshire, tmp_path
):
    services.values_import(
        rows=rows('cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,"=HYPERLINK(""x"")"\n'),
        reason="test",
    )
    exported = tmp_path / "values.csv"
    call_command(
        "export_values", partnership="cambridgeshire", output=str(exported), stdout=io.StringIO()
    )
    assert "'=HYPERLINK" in exported.read_text()
    round_trip = [row for row in tidy.read_rows(exported) if row.period == "2015/16 Q4"]
    assert round_trip[0].note == '=HYPERLINK("x")'


def test_the_import_command_reports_bad_rows_and_fails(cambridgeshire, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "cambridgeshire,police-da-incidents,someday,,5,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_values", str(bad), stderr=err)
    assert "line 2: 'someday' is not a financial year or quarter" in err.getvalue()


def test_a_file_without_the_tidy_header_is_refused(cambridgeshire, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,value\nx,1\n")
    with pytest.raises(CommandError, match="The first row must be partnership,indicator"):
        call_command("import_values", str(bad))


def test_a_binary_file_is_refused_as_not_csv(cambridgeshire, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(CommandError, match="not readable CSV"):
        call_command("import_values", str(bad))


def test_a_note_with_a_carriage_return_and_a_formula_after_it_round_trips_through_csv():
    note = "Figures provisional.\r=cmd|' /C calc'!A0"
    row = ("cambridgeshire", "police-da-incidents", "2015/16 Q4", "", "1790", "", note)
    handle = io.StringIO(newline="")
    tidy.write_csv([row], handle)
    written = handle.getvalue()
    assert "\r'=cmd|' /C calc'!A0\"\r\n" in written  # quoted whole, its second line guarded
    (read,) = tidy.read_csv(io.StringIO(written, newline=""))
    assert read.note == note and read.line == 2


@given(st.text())
def test_unguard_gives_back_exactly_what_guard_was_given(text):
    assert tidy.unguard(tidy.guard(text)) == text


@pytest.mark.parametrize(
    ("note", "guarded"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        (
            "Fine\n+44 1223 000000\n-5 on Q2\n@here\n\tindented",
            "Fine\n'+44 1223 000000\n'-5 on Q2\n'@here\n'\tindented",
        ),
        ("'quoted", "''quoted"),
        ("Nothing to guard", "Nothing to guard"),
    ],
)
def test_every_line_that_a_spreadsheet_would_run_is_guarded(note, guarded):
    assert tidy.guard(note) == guarded


def test_a_note_over_4000_characters_is_a_row_error_and_control_characters_are_cleaned(
    cambridgeshire,
):
    long = "x" * 4001
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows(
                "cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,fine\n"
                f"cambridgeshire,police-da-incidents,2016/17 Q1,,1800,,{long}\n"
            ),
            reason="test",
        )
    assert [str(e) for e in rejected.value.errors] == [
        "line 3: the note has 4,001 characters; a note holds up to 4,000."
    ]
    services.values_import(
        rows=rows(
            'cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,"Provisional\x0b\r\n'
            'figures\x1b"\n'
        ),
        reason="test",
    )
    assert incidents(Period(2015, 4)).comment == "Provisional\nfigures"


def test_an_imported_figure_in_another_script_or_with_an_exponent_is_a_row_error(cambridgeshire):
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows(
                "cambridgeshire,police-da-incidents,2016/17 Q1,,١٨٠٠,,\n"
                "cambridgeshire,police-da-incidents,2016/17 Q2,,1.8e3,,\n"
                "cambridgeshire,idva-engagement-rate,2016/17 Q1,,NaN%,,\n"
            ),
            reason="test",
        )
    assert [str(e) for e in rejected.value.errors] == [
        "line 2: '١٨٠٠' is not a number: write it as 1,859 or 1859.",
        "line 3: '1.8e3' is not a number: write it as 1,859 or 1859.",
        "line 4: 'NaN%' is not a number: write it as 81, 81.5 or 81%.",
    ]
