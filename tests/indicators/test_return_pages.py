"""The coordinator's pages and the files that go in and out through the web interface."""

import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Return, Value
from indicators.periods import Period
from tests.indicators.test_returns import form_data, url

Q4 = Period(2015, 4)
COMPLETENESS = "/p/cambridgeshire/returns/2015-16-q4/"


def test_two_people_editing_one_return_the_later_save_is_refused_with_the_others_change(
    client, police_lead, coordinator
):
    client.force_login(police_lead)
    client.post(url(), form_data(0, police_da_incidents__whole=("1790", "", "From the system")))
    client.force_login(coordinator)
    response = client.post(url(), form_data(0, police_da_incidents__whole=("1800", "", "")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your changes were not saved" in page
    assert "1790 (From the system)" in page and "police-lead" in page
    assert "What you entered (not saved)" in page and "1800" in page
    assert Value.objects.get(indicator__code="police-da-incidents", period=Q4).value == 1790
    # the fresh form starts from the saved version, so entering again works
    assert 'name="version" value="1"' in page


def test_the_completeness_page_lists_every_organisation_overdue_first_with_counts(
    client, coordinator, police_lead
):
    client.force_login(police_lead)
    client.post(url(), form_data(0, police_da_incidents__whole=("1790", "", "")))
    Return.objects.filter(period=Q4).update(status="submitted")
    client.force_login(coordinator)
    page = client.get(COMPLETENESS).content.decode()
    assert "Due 30 April 2016" in page
    assert "Submitted: <strong>1</strong>" in page
    rows = page[page.index("<tbody") :]
    # every return of 2015/16 Q4 is overdue today except the submitted one, which comes last
    assert rows.index("Cambridgeshire Constabulary") > rows.index("Cambridgeshire County Council")
    assert rows.count("Overdue") >= 5
    assert '/p/cambridgeshire/returns/2015-16-q4/cambridgeshire-constabulary/"' in page


def test_the_completeness_page_filters_by_status_and_sorts(client, coordinator, police_lead):
    client.force_login(police_lead)
    client.post(url(), form_data(0, police_da_incidents__whole=("1790", "", "")))
    client.force_login(coordinator)
    page = client.get(COMPLETENESS + "?return_status=draft").content.decode()
    body = page[page.index("<tbody") :]
    assert "Cambridgeshire Constabulary" in body and "IDVA Service" not in body
    page = client.get(COMPLETENESS + "?sort=-name").content.decode()
    body = page[page.index("<tbody") :]
    assert body.index("q4/ormiston-trust/") < body.index("q4/bobby-scheme/")


def test_a_partner_lead_sees_only_their_own_organisation_on_the_completeness_page(
    client, police_lead
):
    client.force_login(police_lead)
    body = client.get(COMPLETENESS).content.decode()
    body = body[body.index("<tbody") :]
    assert "Cambridgeshire Constabulary" in body and "IDVA Service" not in body
    assert "Lock 2015/16 Q4" not in body


def test_a_coordinator_locks_the_quarter_from_the_completeness_page(client, coordinator, officer):
    signed_off = {"reason": "Signed off by the board on 4 May 2016", "confirm": "on"}
    client.force_login(officer)
    assert client.post(COMPLETENESS + "lock/", signed_off).status_code == 404
    assert "This quarter is locked" not in client.get(COMPLETENESS).content.decode()
    client.force_login(coordinator)
    page = client.post(COMPLETENESS + "lock/", signed_off, follow=True).content.decode()
    assert "2015/16 Q4 is locked." in page
    assert "Locked by coordinator on " in page and "Signed off by the board on 4 May 2016" in page


def test_figures_marked_for_follow_up_are_listed_for_the_coordinator(client, coordinator):
    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    client.force_login(coordinator)
    client.post(f"/p/cambridgeshire/values/{value.pk}/follow-up/", {"follow_up": "on"})
    page = client.get("/p/cambridgeshire/returns/2015-16-q3/").content.decode()
    assert "Figures marked for follow-up" in page
    assert "Total number of domestic abuse incidents reported to the Police" in page


def test_a_board_member_is_not_shown_the_working_figures_marked_for_follow_up(
    client, coordinator, board_member
):
    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    client.force_login(coordinator)
    client.post(f"/p/cambridgeshire/values/{value.pk}/follow-up/", {"follow_up": "on"})
    client.force_login(board_member)
    page = client.get("/p/cambridgeshire/returns/2015-16-q3/").content.decode()
    assert "Figures marked for follow-up" not in page


def test_a_partner_lead_cannot_mark_follow_up(client, police_lead):
    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    client.force_login(police_lead)
    client.post(f"/p/cambridgeshire/values/{value.pk}/follow-up/", {"follow_up": "on"})
    value.refresh_from_db()
    assert not value.follow_up


def test_the_history_of_a_changed_figure_shows_on_the_indicator_page(client, coordinator):
    from indicators import services, tidy

    row = tidy.TidyRow(2, "cambridgeshire", "marac-cases", "2013/14 Q1", "", "72", "", "")
    services.values_import(rows=[row], user=coordinator, reason="Corrected by MARAC coordinator")
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/indicators/marac-cases/?period=2013-14-q1").content
    history = page.decode()[page.decode().index('id="history"') :]
    assert "Revision" in history and "First entered" in history
    assert "Corrected by MARAC coordinator" in history and "coordinator" in history


def test_a_return_downloads_pre_filled_and_uploads_back_into_the_form(client, police_lead):
    client.force_login(police_lead)
    response = client.get(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/return.xlsx"
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Data"].iter_rows(values_only=True))
    assert rows[1][:5] == ("cambridgeshire", "police-da-incidents", "2015/16 Q3", None, 1859)
    workbook["Data"]["E2"] = 1870
    workbook["Data"]["G2"] = "Filled in offline"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("q3.xlsx", buffer.getvalue())
    page = client.post(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/upload/",
        {"file": upload, "version": 0},
    ).content.decode()
    assert 'value="1870"' in page and "Filled in offline" in page
    assert "Check them, then save or submit" in page
    assert (
        Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3").value == 1859
    )


class ReturnFormReader(HTMLParser):
    """The return form of a page: its action and the fields a browser would send."""

    def __init__(self, page: str):
        super().__init__()
        self.action, self.data, self._inside, self._field = None, {}, False, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "return-form" in (attrs.get("class") or ""):
            self._inside, self.action = True, attrs.get("action")
        elif not self._inside:
            return
        elif tag == "input" and attrs["name"] != "csrfmiddlewaretoken":
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif tag in ("textarea", "select"):
            self._field = attrs["name"]
            self.data.setdefault(self._field, "")
        elif tag == "option" and "selected" in attrs:
            self.data[self._field] = attrs.get("value") or ""

    def handle_data(self, data):
        if self._inside and self._field and self.lasttag == "textarea":
            self.data[self._field] += data.removeprefix("\n")

    def handle_endtag(self, tag):
        if tag in ("textarea", "select"):
            self._field = None
        elif tag == "form":
            self._inside = False


def upload_filled_return(client) -> ReturnFormReader:
    """The police's 2015/16 Q3 return downloaded, 1,870 incidents written in, uploaded back."""
    address = "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(address + "return.xlsx").content))
    workbook["Data"]["E2"] = 1870
    workbook["Data"]["G2"] = "Filled in offline"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("q3.xlsx", buffer.getvalue())
    page = client.post(address + "upload/", {"file": upload, "version": 0}).content.decode()
    return ReturnFormReader(page)


def test_the_form_filled_from_a_file_saves_to_the_return(client, police_lead):
    client.force_login(police_lead)
    form = upload_filled_return(client)
    assert form.action == "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    assert form.data["police-da-incidents.whole-figure"] == "1870"
    response = client.post(form.action, {**form.data, "action": "save"})
    assert response.status_code == 302
    saved = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    assert (saved.value, saved.comment) == (1870, "Filled in offline")


def test_the_form_filled_from_a_file_keeps_everything_when_a_save_is_refused(client, police_lead):
    client.force_login(police_lead)
    form = upload_filled_return(client)
    typo = {**form.data, "police-da-incidents.whole-figure": "1,87O"}
    page = client.post(form.action, {**typo, "action": "save"})
    assert page.status_code == 200
    again = ReturnFormReader(page.content.decode())
    assert again.data == typo and again.data["police-da-incidents.whole-comment"]
    assert "is not a number" in page.content.decode()
    saved = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    assert saved.value == 1859


HEADER = "partnership,indicator,period,breakdown,value,status,note\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("values.csv", b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "not readable CSV"),
        ("values.csv", b"", "The submitted file is empty"),
        ("values.csv", b"indicator,value\nx,1\n", "The first row must be partnership,indicator"),
        ("values.xlsx", b"not a workbook", "not a readable Excel workbook"),
        ("values.pdf", b"%PDF", "Upload a .csv or .xlsx file"),
    ],
)
def test_the_import_page_refuses_what_is_not_tidy_data(client, officer, name, content, message):
    client.force_login(officer)
    before = Value.objects.count()
    response = client.post("/p/cambridgeshire/import/", {"file": upload(name, content)})
    assert message in response.content.decode()
    assert Value.objects.count() == before


def test_the_import_page_lists_every_bad_row_and_writes_nothing(client, officer):
    client.force_login(officer)
    content = (
        HEADER
        + "cambridgeshire,police-da-incidents,2016/17 Q1,,1800,,fine\n"
        + "cambridgeshire,idva-engagement-rate,2016/17 Q1,,150,,\n"
        + "cambridgeshire,nope,2016/17 Q1,,1,,\n"
    ).encode()
    page = client.post(
        "/p/cambridgeshire/import/", {"file": upload("v.csv", content)}
    ).content.decode()
    assert "Nothing was imported: 2 rows to correct" in page
    assert "&#x27;150&#x27; is not a percentage between 0 and 100" in page
    assert "no indicator &#x27;nope&#x27;" in page
    assert not Value.objects.filter(period="2016/17 Q1")


def test_the_import_page_refuses_a_locked_quarter(client, coordinator, cambridgeshire):
    from indicators.models import QuarterLock

    QuarterLock.objects.create(partnership=cambridgeshire, period=Period(2015, 3), reason="Done")
    client.force_login(coordinator)
    content = (HEADER + "cambridgeshire,police-da-incidents,2015/16 Q3,,1,,\n").encode()
    page = client.post(
        "/p/cambridgeshire/import/", {"file": upload("v.csv", content)}
    ).content.decode()
    assert "2015/16 Q3 is locked" in page


def test_the_import_page_loads_good_data(client, officer):
    client.force_login(officer)
    content = (HEADER + "cambridgeshire,police-da-incidents,2016/17 Q1,,1800,,fine\n").encode()
    response = client.post(
        "/p/cambridgeshire/import/", {"file": upload("v.csv", content)}, follow=True
    )
    assert "v.csv: 1 new, 0 changed, 0 unchanged" in response.content.decode()
    record = Value.objects.get(period="2016/17 Q1").history.get()
    assert (record.history_user, record.history_change_reason) == (officer, "Imported from v.csv")


def test_an_oversized_upload_is_refused(client, officer):
    client.force_login(officer)
    big = upload("big.csv", HEADER.encode() + b"x" * (5 * 1024 * 1024 + 1))
    response = client.post("/p/cambridgeshire/import/", {"file": big})
    assert "larger than 5 MB" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("coordinator", 200), ("board_member", 404), ("police_lead", 404)],
)
def test_who_may_import_and_export(request, client, db, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/p/cambridgeshire/import/").status_code == status
    assert client.get("/p/cambridgeshire/export/values.csv").status_code == status


def test_the_web_export_imports_back_unchanged(client, officer):
    client.force_login(officer)
    exported = client.get("/p/cambridgeshire/export/values.csv").content
    before = list(Value.objects.values_list("pk", "value", "comment", "version"))
    response = client.post(
        "/p/cambridgeshire/import/", {"file": upload("values.csv", exported)}, follow=True
    )
    assert "0 new, 0 changed" in response.content.decode()
    assert list(Value.objects.values_list("pk", "value", "comment", "version")) == before


def test_the_return_shows_who_approved_it_and_when(
    client, coordinator, police_lead, cambridgeshire
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    the_return = Return.objects.create(
        organisation=police,
        period=Q4,
        status="approved",
        approved_by=coordinator,
        approved_at=datetime(2016, 5, 3, 14, 5, tzinfo=ZoneInfo("Europe/London")),
    )
    client.force_login(police_lead)
    page = client.get(url()).content.decode()
    assert "<dt>Approved</dt><dd>3 May 2016 14:05 by coordinator</dd>" in page
    the_return.status = "returned"
    the_return.returned_reason = "January looks low"
    the_return.save()
    page = client.get(url()).content.decode()
    assert "<dt>Last approved</dt><dd>3 May 2016 14:05 by coordinator</dd>" in page


def test_a_return_never_approved_says_nothing_of_approval(client, police_lead):
    client.force_login(police_lead)
    assert "approved</dt>" not in client.get(url()).content.decode().lower()


def test_approving_from_the_page_shows_the_coordinator(client, coordinator, police_lead):
    client.force_login(police_lead)
    client.post(
        url(),
        form_data(
            0,
            "submit",
            police_da_incidents__whole=("1790", "", ""),
            court_cases__whole=("", "not-yet-released", ""),
            police_da_individuals__whole=("", "not-collected", ""),
        ),
    )
    client.force_login(coordinator)
    page = client.post(url() + "review/", {"decision": "approve"}, follow=True).content.decode()
    assert "<dt>Approved</dt><dd>" in page and " by coordinator</dd>" in page
