"""The board report as Word: paper 003's figures read back from its tables, the narrative,
the built-in styles a council's template restyles, and the download."""

import io

import docx
import pytest

from dashboard.papers.report import ACTION_COLUMNS, board_report
from dashboard.papers.word import board_report_docx
from indicators import formatting
from indicators.models import ExportRecord, Indicator
from indicators.periods import Period
from strategy.models import Partnership
from tests.indicators.test_demo_data import ANNUAL, QUARTERLY, YEAR_TO_DATE

WORD = "/p/cambridgeshire/export/board-report.docx?quarter=2015-16-q3"

# Every test is a database test, so all run before any test that empties the database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker):
    """Cambridgeshire's report of 2015/16 Q3 as Word, made once for the module."""
    with django_db_blocker.unblock():
        report = board_report(
            partnership=Partnership.objects.get(slug="cambridgeshire"),
            params={"quarter": "2015-16-q3"},
            made_by="tests",
        )
        return docx.Document(io.BytesIO(board_report_docx(report)))


def tables_by_caption(document) -> dict[str, list[list[str]]]:
    """Each table's rows of cell text, by the caption paragraph just before it."""
    found, caption = {}, None
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(block, document)
            caption = paragraph.text if paragraph.style.name == "Caption" else None
        elif tag == "tbl" and caption:
            table = docx.table.Table(block, document)
            found.setdefault(caption, [[c.text for c in row.cells] for row in table.rows])
    return found


def test_the_word_tables_hold_every_figure_of_paper_003(cambridgeshire, document):
    tables = tables_by_caption(document)
    indicators = {i.code: i for i in Indicator.objects.filter(partnership=cambridgeshire)}

    def rows(code, option):
        indicator = indicators[code]
        title = indicator.title
        if option:
            title += f" - {indicator.options.get(code=option).label}"
        header, *body = tables[title]
        # "† " marks the first figure under a changed definition, as on the page
        return header, {row[0]: [cell.removeprefix("† ") for cell in row[1:]] for row in body}

    def written(code, figure):
        return formatting.figure_text(figure, indicators[code].unit)

    for code, option, year, figures in QUARTERLY:
        header, body = rows(code, option)
        assert header == ["Year", "Q1", "Q2", "Q3", "Q4", "Full year"]
        cells = body[str(Period(year))]
        assert cells[: len(figures)] == [written(code, f) for f in figures], (code, year)
    for code, option, year, figure in ANNUAL:
        header, body = rows(code, option)
        assert body[str(Period(year))][-1].startswith(written(code, figure)), (code, year)
    for code, option, year, quarter, figure in YEAR_TO_DATE:
        _, body = rows(code, option)
        assert body[f"{Period(year)} to date"][quarter - 1] == written(code, figure)


def test_the_word_report_uses_the_built_in_styles(document):
    styles = {paragraph.style.name for paragraph in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet"} <= styles
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    assert document.core_properties.title.startswith("Board report: Cambridgeshire")


def test_the_word_report_holds_the_narrative_and_every_appendix_column(document):
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Narrative for 2015/16 Q3" in text
    assert "may reach a peak and become steady" in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any(b.startswith("The Bobby Scheme increases household security") for b in bullets)
    appendix = tables_by_caption(document)["Domestic Abuse Strategy 2014-2018: every action"]
    assert appendix[0] == list(ACTION_COLUMNS)
    assert any("Simon Kerss" in row for row in appendix[1:])


def test_header_rows_repeat_and_rows_do_not_split(document):
    table = document.tables[0]
    first = table.rows[0]._tr.trPr
    assert first.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None for row in table.rows)


def test_the_word_download_is_recorded(client, officer, board_member, cambridgeshire):
    client.force_login(board_member)
    assert client.get(WORD).status_code == 404
    client.force_login(officer)
    response = client.get(WORD)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert docx.Document(io.BytesIO(response.content)).tables
    record = ExportRecord.objects.get(partnership=cambridgeshire, kind="board-report-word")
    assert record.filename == "cambridgeshire-board-report-2015-16-q3.docx"
    assert "Board report (Word)" in client.get("/p/cambridgeshire/").content.decode()


def test_the_word_report_for_publication_suppresses_small_counts(cambridgeshire):
    """Counts below 36 (Building Better Relationships completions of 18, 35 and 34) and the
    full years made from them are suppressed; no partner's comment is written."""
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()
    report = board_report(
        partnership=cambridgeshire,
        params={"quarter": "2015-16-q3"},
        made_by="tests",
        publication=True,
    )
    document = docx.Document(io.BytesIO(board_report_docx(report)))
    header, *body = tables_by_caption(document)[
        "Total number of perpetrators completing Building Better Relationships programme"
    ]
    cells = {cell for row in body for cell in row[1:]}
    assert not {"18", "35", "34"} & cells
    assert "Suppressed" in cells
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Comment:" not in text
    assert "counts below 36, and every figure, rating or signal that would give one away" in text


def test_the_scorecard_says_no_figure_yet_where_the_quarter_has_none(document):
    rows = [
        [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows
        if row.cells[0].text == "Victims referred to MARAC"
    ]
    assert [row[1:4] for row in rows if len(row) == 9] == [["2015/16 Q3", "No figure yet", "144"]]
