"""The board pack and single-table downloads: the papers' tables, safe text, suppression."""

import io
import shutil
import subprocess
from decimal import Decimal
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import call_command

from indicators.models import Indicator, Target, Value
from indicators.periods import Period
from tests.indicators.test_demo_data import ANNUAL, QUARTERLY, YEAR_TO_DATE

PACK = "/p/cambridgeshire/export/board-pack.xlsx?quarter=2015-16-q3"


@pytest.fixture
def pack(cambridgeshire, tmp_path):
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership="cambridgeshire",
        quarter="2015/16 Q3",
        output=str(path),
        stdout=io.StringIO(),
    )
    return path


def blocks(workbook) -> dict[str, dict[str, list]]:
    """Every committee table block: title -> year -> [Q1, Q2, Q3, Q4, Full year] cells (a
    block of whole years, headed `Year, Full year`, has None for the quarters)."""
    found = {}
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows())
        for index, row in enumerate(rows[:-1]):
            header = [cell.value for cell in rows[index + 1] if cell.value is not None]
            if header in (["Year", "Q1", "Q2", "Q3", "Q4", "Full year"], ["Year", "Full year"]):
                table = {}
                for year_row in rows[index + 2 :]:
                    label = year_row[0].value
                    if not (isinstance(label, str) and label[:4].isdigit() and "/" in label):
                        break
                    cells = list(year_row[1 : len(header)])
                    table[label] = cells if len(header) == 6 else [None] * 4 + cells
                found[row[0].value] = table
    return found


def figure(cell):
    """A cell's figure as the papers print it: percentages are stored as fractions."""
    if cell.value is None:
        return None
    value = Decimal(str(cell.value))
    return (value * 100).quantize(Decimal(1)) if "%" in cell.number_format else value


def test_the_board_pack_holds_every_figure_of_paper_003_in_its_block(cambridgeshire, pack):
    workbook = openpyxl.load_workbook(pack)
    found = blocks(workbook)
    titles = {
        indicator.code: indicator.title
        for indicator in Indicator.objects.filter(partnership=cambridgeshire)
    }
    labels = {
        (option.indicator.code, option.code): option.label
        for indicator in Indicator.objects.filter(partnership=cambridgeshire)
        for option in indicator.options.all()
    }

    def block(code, option):
        title = titles[code] + (f" - {labels[(code, option)]}" if option else "")
        return found[title]

    for code, option, year, figures in QUARTERLY:
        row = block(code, option)[str(Period(year))]
        assert [figure(cell) for cell in row[: len(figures)]] == [Decimal(f) for f in figures]
    for code, option, year, expected in ANNUAL:
        assert figure(block(code, option)[str(Period(year))][4]) == Decimal(expected)
    for code, option, year, quarter, expected in YEAR_TO_DATE:
        row = block(code, option)[f"{Period(year)} to date"]
        assert figure(row[quarter - 1]) == Decimal(expected)
        assert row[4].value is None  # a year to date is never a full year


def test_the_board_pack_is_laid_out_for_a_committee_paper(pack):
    workbook = openpyxl.load_workbook(pack)
    assert workbook.sheetnames == [
        "Cover",
        "Prevent",
        "Protect",
        "Pursue",
        "Recover",
        "Actions",
        "Exceptions",
        "Data",
    ]
    cover = [[c.value for c in row] for row in workbook["Cover"].iter_rows()]
    assert ["Quarter", "2015/16 Q3"] in cover
    assert any(row[0] == "Green" for row in cover)
    protect = workbook["Protect"]
    # the objective's title and statement are the header rows: frozen, and repeated in print
    assert protect.print_title_rows == "$1:$3"
    assert protect.freeze_panes == "A4"
    assert protect.page_setup.orientation == "landscape"
    assert protect.page_setup.paperSize == int(protect.PAPERSIZE_A4)
    assert protect.page_setup.fitToWidth == 1
    cells = {cell.value: cell for row in protect.iter_rows() for cell in row if cell.value}
    assert cells["Year"].font.b
    engagement = blocks(workbook)[
        "% of referrals into the IDVA service that engage with the service"
    ]
    assert engagement["2015/16"][0].number_format == "0%"
    incidents = blocks(workbook)["Total number of domestic abuse incidents reported to the Police"]
    assert incidents["2014/15"][4].number_format == "#,##0"


def test_a_missing_figure_is_an_empty_cell_with_its_reason_in_a_note(client, officer):
    Value.objects.filter(indicator__code="bobby-scheme", period="2015/16 Q3").update(
        approved_value=None, approved_missing_reason="not-yet-released"
    )
    client.force_login(officer)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(PACK).content))
    cell = blocks(workbook)["Bobby Scheme interventions to increase home security"]["2015/16"][2]
    assert cell.value is None
    assert cell.comment.text.startswith("Not yet released")


def test_the_change_on_last_year_sits_beside_and_the_commentary_below(pack):
    sheet = openpyxl.load_workbook(pack)["Prevent"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    row = next(r for r in values if r[0] == "2015/16" and r[1] == 1862)
    assert row[7] == "up 5.7% on Q3 2014/15 (better)"
    assert any(r[0] == "Commentary" and "general increase" in r[1] for r in values)


def test_the_data_sheet_imports_back_with_nothing_changed(pack):
    before = list(Value.objects.values_list("pk", "value", "missing_reason", "comment", "version"))
    out = io.StringIO()
    call_command("import_values", str(pack), stdout=out)
    assert " 0 new, 0 changed" in out.getvalue()
    assert (
        list(Value.objects.values_list("pk", "value", "missing_reason", "comment", "version"))
        == before
    )


def test_text_that_looks_like_a_formula_is_never_run(cambridgeshire, client, officer, tmp_path):
    incidents = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    incidents.title = '=HYPERLINK("http://evil.example","Click")'
    incidents.save()
    Value.objects.filter(indicator=incidents, period="2015/16 Q3").update(
        approved_comment="@SUM(1+1)"
    )
    client.force_login(officer)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(PACK).content))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    dangerous = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert dangerous and all(c.data_type == "s" for c in dangerous)
    csv = client.get("/p/cambridgeshire/indicators/police-da-incidents/table.csv").content.decode()
    assert csv.startswith("\"'=HYPERLINK")
    exported = client.get("/p/cambridgeshire/export/values.csv").content.decode()
    assert ",'@SUM(1+1)" in exported


def test_for_publication_small_counts_are_shown_as_less_than_the_threshold(
    cambridgeshire, client, officer
):
    for period, small in (("2015/16 Q3", 3), ("2014/15 Q2", 4)):
        Value.objects.filter(indicator__code="bobby-scheme", period=period).update(
            value=small, approved_value=small
        )
    client.force_login(officer)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(PACK + "&publication=1").content))
    bobby = blocks(workbook)["Bobby Scheme interventions to increase home security"]
    assert bobby["2015/16"][2].value == "<5"
    # a full year made from the quarters would give the hidden quarter away
    assert (bobby["2014/15"][1].value, bobby["2014/15"][4].value) == ("<5", "[c]")
    assert "Data" not in workbook.sheetnames  # not for importing back
    sheet = next(ws for ws in workbook.worksheets if ws.title == "Recover")
    changes = [
        row[7].value for row in sheet.iter_rows() if row[0].value == "2015/16" and len(row) > 7
    ]
    assert "[c]" in changes  # 43 to 3 would give the 3 away
    internal = openpyxl.load_workbook(io.BytesIO(client.get(PACK).content))
    block = blocks(internal)["Bobby Scheme interventions to increase home security"]
    assert block["2015/16"][2].value == 3
    csv = client.get("/p/cambridgeshire/indicators/bobby-scheme/table.csv?publication=1")
    lines = csv.content.decode().splitlines()
    assert "2015/16,51,68,<5,," in lines
    assert "2014/15,42,<5,43,34,[c]" in lines


def test_a_single_table_downloads_as_excel_and_csv(client, board_member):
    client.force_login(board_member)
    response = client.get(
        "/p/cambridgeshire/indicators/refuge-occupancy-rate/table.xlsx?option=hunts"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    table = blocks(workbook)["Occupancy rate for the refuges - Refuge (Hunts)"]
    assert figure(table["2014/15"][4]) == 83
    csv = client.get("/p/cambridgeshire/indicators/police-da-incidents/table.csv").content.decode()
    assert csv.splitlines()[1:4] == [
        "Year,Q1,Q2,Q3,Q4,Full year",
        "2015/16,1862,1971,1859,,",
        "2014/15,1880,1965,1758,1705,7308",
    ]


@pytest.mark.parametrize(
    ("who", "pack_status", "table_status"),
    [
        ("officer", 200, 200),
        ("coordinator", 200, 200),
        ("board_member", 404, 200),
        ("police_lead", 404, 200),
        ("cheshire_coordinator", 404, 404),
    ],
)
def test_who_may_download(request, client, db, who, pack_status, table_status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(PACK).status_code == pack_status
    table = "/p/cambridgeshire/indicators/police-da-incidents/table.xlsx"
    assert client.get(table).status_code == table_status


def test_a_table_in_another_format_is_a_404(client, board_member):
    client.force_login(board_member)
    assert (
        client.get("/p/cambridgeshire/indicators/police-da-incidents/table.pdf").status_code == 404
    )


@pytest.mark.skipif(
    not (shutil.which("libreoffice") or shutil.which("soffice")),
    reason="LibreOffice is not installed here (Debian: apt-get install libreoffice-calc-nogui)",
)
def test_the_board_pack_converts_to_pdf_with_libreoffice(pack, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    result = subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pack.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_for_publication_nothing_gives_a_hidden_count_away():
    from dashboard.comparison import Cell, Row
    from dashboard.exports import Publication, withheld

    publication = Publication(5)
    year = Row(Period(2015), [Cell(D(n)) for n in (10, 3, 30, 20)], Cell(D(63)), to_date=False)
    assert withheld(year, "count", publication) == [4]  # 63 entered, less 60, gives the 3
    to_date = Row(Period(2015), [Cell(D(n)) for n in (10, 13, 30)] + [Cell()], Cell(), to_date=True)
    assert withheld(to_date, "count", publication) == [1, 2]  # 13 - 10 = 3; after it, all
    assert withheld(year, "count", None) == []
    assert withheld(year, "percentage", publication) == []


def test_a_definition_change_in_a_table_of_whole_years_is_said_below_it():
    from dashboard.comparison import comparison_rows, mark_new_definitions
    from dashboard.exports import notes_below
    from dashboard.tables import ComparisonTable
    from indicators.selectors import Figure

    rows = comparison_rows(
        [Figure(Period(2014), D(300)), Figure(Period(2013), D(250))], year_rule="none"
    )
    mark_new_definitions(rows, [Period(2014, 1)])
    table = ComparisonTable("MARAC cases", "count", rows)
    assert any(
        note.startswith("† The definition changed in 2014/15") for note in notes_below(table)
    )


def test_for_publication_no_rating_signal_or_comment_gives_a_hidden_count_away(
    cambridgeshire, client, officer
):
    """Ormiston's 10 completions (below 36) carry a comment, and Building Better Relationships'
    35 is green against a target of 30: neither the comment nor the green is published."""
    bbr = Indicator.objects.get(partnership=cambridgeshire, code="bbr-completions")
    Target.objects.create(indicator=bbr, year=Period(2014), value=30, tolerance=0)
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()
    client.force_login(officer)

    def texts(query):
        workbook = openpyxl.load_workbook(io.BytesIO(client.get(PACK + query).content))
        return [
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]

    internal, published = texts(""), texts("&publication=1")

    def commentary(texts):  # the line after each "Commentary" label
        return [texts[i + 1] for i, text in enumerate(texts) if text == "Commentary"]

    comment = "The Ormiston programme commenced in 2014"  # also in the narrative: published
    assert any(text.startswith(comment) for text in commentary(internal))
    assert not any(text.startswith(comment) for text in commentary(published))
    assert "Green" in internal[internal.index("Against target") + 1 :][:1]
    assert "Against target" in published
    assert published[published.index("Against target") + 1] == "suppressed"
