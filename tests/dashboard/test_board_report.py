"""The board report as PDF: paper 003's figures and the narrative read back from the file, the
structure screen readers need, the appendix's columns, and who may download it."""

import gc
import io
import re

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command

from dashboard.papers.report import (
    ACTION_COLUMNS,
    _collector_paused,
    board_report,
    board_report_pdf,
)
from indicators import formatting
from indicators.models import ExportRecord, Indicator, Target, Value
from indicators.periods import Period
from strategy.models import Partnership
from tests.indicators.test_demo_data import ANNUAL, QUARTERLY, YEAR_TO_DATE

REPORT = "/p/cambridgeshire/export/board-report.pdf?quarter=2015-16-q3"
Q3_2015 = {"quarter": "2015-16-q3"}

# Every test is a database test, so all run before any test that empties the database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker) -> pypdf.PdfReader:
    """Cambridgeshire's report of 2015/16 Q3, made once for the module (it writes nothing)."""
    with django_db_blocker.unblock():
        report = board_report(
            partnership=Partnership.objects.get(slug="cambridgeshire"),
            params={"quarter": "2015-16-q3"},
            made_by="tests",
        )
        return pypdf.PdfReader(io.BytesIO(board_report_pdf(report)))


@pytest.fixture(scope="module")
def text(pdf) -> str:
    """The report's text on one line, as a reader would hear it."""
    return " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def table(text: str, caption: str) -> str:
    """A committee table's text: from its caption and header to the note or chart after it."""
    start = re.search(re.escape(caption) + r" Year (Q1 Q2 Q3 Q4 )?Full year", text)
    assert start, f"no table {caption!r}"
    end = re.compile(r"Baseline, before|Chart of the table|Comment:").search(text, start.end())
    return text[start.end() : end.start() if end else start.end() + 400]


def in_row(segment: str, label: str, figures: list[str]) -> bool:
    """The year's row holds these figures, in this order, among its cells."""
    row = re.search(re.escape(label) + r" (.*?)(?= \d{4}/\d{2}(?! to date)|$)", segment)
    cells = row.group(1).split(" ") if row else []
    found = iter(cells)
    return all(any(cell == figure for cell in found) for figure in figures)


def test_the_report_holds_every_figure_of_paper_003_for_the_quarter(cambridgeshire, text):
    indicators = {i.code: i for i in Indicator.objects.filter(partnership=cambridgeshire)}

    def caption(code, option):
        indicator = indicators[code]
        if not option:
            return indicator.title
        return f"{indicator.title} - {indicator.options.get(code=option).label}"

    def written(code, figure):
        return formatting.figure_text(figure, indicators[code].unit)

    for code, option, year, figures in QUARTERLY:
        segment = table(text, caption(code, option))
        row = [written(code, figure) for figure in figures]
        assert in_row(segment, str(Period(year)), row), (code, year, segment)
    for code, option, year, figure in ANNUAL:
        segment = table(text, caption(code, option))
        assert in_row(segment, str(Period(year)), [written(code, figure)]), (code, year)
    for code, option, year, _, figure in YEAR_TO_DATE:
        segment = table(text, caption(code, option))
        label = f"{Period(year)} to date"
        assert in_row(segment, label, [written(code, figure)]), (code, year, segment)


def test_the_report_holds_the_narrative_above_each_objectives_tables(text):
    narrative = text.index("may reach a peak and become steady")
    assert text.index("Narrative for 2015/16 Q3") < narrative
    assert narrative < text.index(
        "Total number of domestic abuse incidents reported to the Police Year"
    )
    assert "Referrals have increased by 216% at the present time" in text


def test_the_cover_has_the_partnership_strategy_quarter_date_and_rag_definitions(pdf):
    cover = " ".join(pdf.pages[0].extract_text().split())
    for said in (
        "Board report",
        "Cambridgeshire Domestic Abuse and Sexual Violence Partnership",
        "Domestic Abuse Strategy 2014-2018",
        "2015/16 Q3",
        "Green Action progressing towards completion / is complete",
        "Red Need to address action",
    ):
        assert said in cover
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", cover)  # a date as 26 November 2026


def test_the_pdf_has_a_title_a_language_a_structure_tree_and_page_numbers(pdf):
    catalog = pdf.trailer["/Root"]
    assert pdf.metadata.title == (
        "Board report: Cambridgeshire Domestic Abuse and Sexual Violence Partnership, 2015/16 Q3"
    )
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    pages = len(pdf.pages)
    assert f"Page 1 of {pages}" in pdf.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in pdf.pages[-1].extract_text()
    paper_sizes = {
        tuple(sorted(round(float(side) / 72 * 25.4) for side in page.mediabox[2:]))
        for page in pdf.pages
    }
    assert paper_sizes == {(210, 297)}  # A4, upright or landscape


def test_the_charts_are_vector_graphics_not_pictures(pdf, text):
    assert "Chart of the table" in text
    subtypes = set()
    for page in pdf.pages:
        objects = page.get("/Resources", {}).get("/XObject", {})
        subtypes |= {objects[name].get_object().get("/Subtype") for name in objects}
    assert subtypes == {"/Form"}  # the SVG charts, drawn as PDF paths: no raster image


def test_the_garbage_collector_runs_again_after_a_report_even_a_failed_one(pdf):
    """Printing pauses Python's cyclic collector for speed; a server left without it would grow
    until it runs out of memory."""
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("WeasyPrint failed")
    assert gc.isenabled()


def test_the_appendix_has_every_column_of_the_papers_action_plans(pdf):
    appendix = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    appendix = appendix[appendix.index("Appendix: action plan") :]
    for title in ACTION_COLUMNS:
        assert title in appendix
    assert "The need to integrate messages around domestic abuse into parenting programmes" in (
        appendix
    )
    assert "Simon Kerss" in appendix and "LSCB DA" in appendix


def test_the_download_is_a_pdf_and_is_recorded(client, officer, cambridgeshire):
    client.force_login(officer)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    record = ExportRecord.objects.get(partnership=cambridgeshire, kind="board-report")
    assert (record.by, str(record.quarter)) == ("officer", "2015/16 Q3")


def test_the_dashboard_links_to_the_report_for_those_who_export(client, officer, board_member):
    client.force_login(officer)
    assert "Board report (PDF)" in client.get("/p/cambridgeshire/").content.decode()
    client.force_login(board_member)
    assert "Board report (PDF)" not in client.get("/p/cambridgeshire/").content.decode()
    assert client.get(REPORT).status_code == 404


def test_the_command_writes_the_pdf_and_records_it(cambridgeshire, tmp_path):
    path = tmp_path / "report.pdf"
    call_command(
        "export_board_pack",
        partnership="cambridgeshire",
        quarter="2015/16 Q3",
        output=str(path),
        stdout=io.StringIO(),
    )
    assert path.read_bytes().startswith(b"%PDF")
    record = ExportRecord.objects.get(partnership=cambridgeshire, kind="board-report")
    assert record.by == "export_board_pack" and record.filename == str(path)


@pytest.mark.parametrize(
    ("output", "options", "message"),
    [
        ("report.odt", {}, "as .xlsx or the report as .pdf or .docx"),
        ("report.pdf", {"quarter": "2015/16"}, "is a year; give a quarter"),
    ],
)
def test_the_command_refuses_what_it_cannot_write(db, tmp_path, output, options, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "export_board_pack",
            partnership="cambridgeshire",
            output=str(tmp_path / output),
            stdout=io.StringIO(),
            **options,
        )
    assert not (tmp_path / output).exists()


BBR = "Total number of perpetrators completing Building Better Relationships programme"


@pytest.fixture
def for_publication(cambridgeshire):
    """Cambridgeshire's report of 2015/16 Q3 for publication, counts below 36 suppressed: the
    Building Better Relationships completions of 18, 35 and 34 among them."""
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()
    return board_report(
        partnership=cambridgeshire,
        params={"quarter": "2015-16-q3"},
        made_by="tests",
        publication=True,
    )


def test_the_report_for_publication_suppresses_small_counts(for_publication):
    pdf = pypdf.PdfReader(io.BytesIO(board_report_pdf(for_publication)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    segment = table(text, BBR)
    assert not {"18", "35", "34"} & set(segment.split()), segment
    assert "Suppressed" in segment
    # Nor does its sentence or the scorecard give them away; the cover says why.
    assert f"{BBR} 2014/15: suppressed (below 36)." in text
    assert f"{BBR} 2014/15 35" not in text
    assert "counts below 36, and every figure, rating or signal that would give one away" in text
    assert "Comment:" not in text  # partners' own words stay inside the partnership
    # What is not small is still there: 1,121 cases went to court in 2014/15.
    assert in_row(
        table(text, "Total number of domestic abuse cases that went to court"),
        "2014/15",
        ["219", "1,121"],
    )


def test_the_command_and_the_download_make_it_for_publication(
    client, officer, cambridgeshire, tmp_path
):
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()
    path = tmp_path / "report.docx"
    call_command(
        "export_board_pack",
        partnership="cambridgeshire",
        quarter="2015/16 Q3",
        output=str(path),
        publication=True,
        stdout=io.StringIO(),
    )
    cells = {
        cell.text
        for table in docx.Document(path).tables
        for row in table.rows
        for cell in row.cells
    }
    assert "Suppressed" in cells
    client.force_login(officer)
    response = client.get(REPORT + "&publication=1")
    assert response["Content-Disposition"].endswith('-2015-16-q3-publication.pdf"')
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "35" not in table(" ".join(text.split()), BBR).split()
    records = ExportRecord.objects.filter(partnership=cambridgeshire).order_by("pk")
    assert [(r.kind, r.publication) for r in records] == [
        ("board-report-word", True),
        ("board-report", True),
    ]
    assert "Board report for publication (PDF" in client.get("/p/cambridgeshire/").content.decode()


def panel_of(report, code: str):
    """The report's panel of the indicator's whole."""
    return next(
        item.panel
        for part in report.objectives
        for item in part.indicators
        if item.panel.indicator.code == code and item.panel.option is None
    )


def test_a_hidden_figure_has_no_rating_or_signal_to_give_it_away(cambridgeshire):
    """35 completions against a target of 30 is green: published, green would say the hidden
    figure is 30 to 35."""
    bbr = Indicator.objects.get(partnership=cambridgeshire, code="bbr-completions")
    Target.objects.create(indicator=bbr, year=Period(2014), value=30, tolerance=0)
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()

    def bbr_of(report):
        row = next(r for part in report.objectives for r in part.scorecard_rows if r.caption == BBR)
        return panel_of(report, "bbr-completions"), row.cells

    internal, _ = bbr_of(board_report(partnership=cambridgeshire, params=Q3_2015, made_by="t"))
    assert internal.rating == "green"
    panel, cells = bbr_of(
        board_report(partnership=cambridgeshire, params=Q3_2015, made_by="t", publication=True)
    )
    assert (panel.rating, panel.variation, panel.assurance) == ("suppressed",) * 3
    assert "Green" not in cells and ">35<" not in cells
    assert panel.chart == {}  # nothing left to draw: every point is hidden


def test_a_figure_shown_beside_a_hidden_last_year_says_so(cambridgeshire):
    """Bobby Scheme: 34 in 2015/16 Q3 is shown; 3 the year before is not, nor the change."""
    Value.objects.filter(indicator__code="bobby-scheme", period="2014/15 Q3").update(
        value=3, approved_value=3
    )
    report = board_report(partnership=cambridgeshire, params=Q3_2015, made_by="t", publication=True)
    panel = panel_of(report, "bobby-scheme")
    assert panel.change is None
    assert panel.sentence.startswith("Q3 2015/16: 34")
    assert panel.sentence.endswith("; Q3 2014/15 is suppressed (below 5).")
    assert 3.0 not in [y for trace in panel.chart["data"] for y in trace["y"]]
