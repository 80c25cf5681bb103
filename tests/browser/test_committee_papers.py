"""An officer writes the quarter's narrative, the board reads it, and the officer downloads
the board report as PDF and as Word and reads them back."""

import io

import docx
import pypdf

from tests.browser.conftest import serious_violations


def test_an_officer_writes_the_narrative_and_downloads_the_papers(page, sign_in, assert_accessible):
    sign_in("officer")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    page.get_by_role("link", name="Edit the narrative for Pursue, 2015/16 Q3").click()
    assert_accessible()
    text = page.get_by_label("Narrative", exact=True)
    assert "Ormiston programme commenced in 2014" in text.input_value()
    # an empty narrative is refused, said in the error summary, which takes the focus
    text.fill("")
    page.get_by_role("button", name="Save narrative").click()
    summary = page.get_by_role("alert")
    assert "Narrative" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible()
    page.get_by_label("Narrative", exact=True).fill(
        "Court figures for 2015/16 are not yet released.\n\n- BBR completions held at 35\n"
        "- Ormiston completions rose to 10"
    )
    page.get_by_label("Final").check()
    page.get_by_role("button", name="Save narrative").click()
    assert "Narrative for Pursue, 2015/16 Q3 saved." in page.get_by_role("status").inner_text()
    assert (
        "Saved as final" in page.get_by_role("table", name="Saves of this narrative").inner_text()
    )
    page.get_by_role("link", name="Cambridgeshire Domestic Abuse and Sexual Violence").click()
    pursue = page.locator("section.objective", has=page.get_by_role("heading", name="Pursue"))
    assert pursue.get_by_role("listitem").filter(has_text="BBR completions held at 35").count()

    with page.expect_download() as download:
        page.get_by_role("link", name="Board report (PDF)").click()
    assert download.value.suggested_filename == "cambridgeshire-board-report-2015-16-q3.pdf"
    with open(download.value.path(), "rb") as handle:
        pdf = pypdf.PdfReader(io.BytesIO(handle.read()))
    text_of_pdf = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Court figures for 2015/16 are not yet released." in text_of_pdf
    assert "BBR completions held at 35" in text_of_pdf

    with page.expect_download() as download:
        page.get_by_role("link", name="Board report (Word)").click()
    assert download.value.suggested_filename == "cambridgeshire-board-report-2015-16-q3.docx"
    with open(download.value.path(), "rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Ormiston completions rose to 10" in bullets


def test_a_coordinator_publishes_the_annual_report_and_anyone_reads_it(
    chromium, live_server, page, sign_in, assert_accessible
):
    public = "/public/cambridgeshire/2015-16/"
    visitor = chromium.new_context(base_url=live_server.url).new_page()
    assert visitor.goto(public).status == 404
    sign_in("coordinator")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    page.get_by_role("link", name="Public annual report for 2015/16").click()
    assert_accessible()
    page.get_by_label("Total number of domestic abuse incidents reported to the Police").check()
    page.get_by_label("Published: anyone may read it without signing in").check()
    page.get_by_role("button", name="Save").click()
    assert "saved, published" in page.get_by_role("status").inner_text()
    assert visitor.goto(public).status == 200
    assert visitor.get_by_role("table", name="Total number of domestic abuse").count() == 1
    assert visitor.get_by_role("link", name="Accessibility statement").count() >= 1
    assert serious_violations(visitor) == []
    page.get_by_label("Published: anyone may read it without signing in").uncheck()
    page.get_by_role("button", name="Save").click()
    assert visitor.goto(public).status == 404
    visitor.context.close()
