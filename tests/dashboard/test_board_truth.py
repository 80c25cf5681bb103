"""What the board sees: approved figures only, as they stood at the end of the quarter.

Drafts and figures awaiting approval are seen by their organisation and the coordinators,
marked; the default quarter follows approval, never a draft.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from dashboard import selectors
from indicators import locks, services, tidy, workflow
from indicators import selectors as figures
from indicators.models import FrequencyChange, Indicator, Return, Value
from indicators.periods import Period
from indicators.returns import return_lines
from indicators.selectors import Audience, board_quarters, visible_figures
from strategy.access import access_for

Q3 = Period(2015, 3)
NEXT = Period(2016, 1)


def police(partnership):
    return partnership.organisations.get(slug="cambridgeshire-constabulary")


def incidents_seen(partnership, audience, quarter=Q3):
    indicator = Indicator.objects.get(partnership=partnership, code="police-da-incidents")
    found = visible_figures(indicator_ids=[indicator.pk], audience=audience, as_at=quarter)
    return {figure.period: figure for figure in found[(indicator.pk, None)]}


def save(user, partnership, quarter, figure, *, submit=False):
    """The police's return for the quarter: `figure` incidents, every other line not collected."""
    organisation = police(partnership)
    entries = {
        line.key: workflow.Entry(missing_reason="not-collected")
        for line in return_lines(organisation, quarter)
    }
    entries["police-da-incidents.whole"] = workflow.Entry(Decimal(figure), comment="Provisional")
    found = Return.objects.filter(organisation=organisation, period=quarter).first()
    return workflow.return_save(
        organisation=organisation,
        quarter=quarter,
        user=user,
        entries=entries,
        version=found.version if found else 0,
        submit=submit,
    )


def test_a_leads_draft_is_seen_by_their_organisation_and_coordinators_marked_never_by_the_board(
    cambridgeshire, police_lead, idva_lead, coordinator, client, board_member
):
    save(police_lead, cambridgeshire, Q3, 2417)
    for user, expected, mark in (
        (police_lead, 2417, "draft"),
        (coordinator, 2417, "draft"),
        (idva_lead, 1859, ""),
        (board_member, 1859, ""),
    ):
        audience = Audience.of(access_for(user, cambridgeshire))
        figure = incidents_seen(cambridgeshire, audience)[Q3]
        assert (figure.value, figure.mark) == (expected, mark), user.username
    assert incidents_seen(cambridgeshire, Audience.board(cambridgeshire))[Q3].value == 1859
    client.force_login(board_member)
    page = client.get("/p/cambridgeshire/?quarter=2015-16-q3").content.decode()
    assert "1,859" in page and "2,417" not in page
    client.force_login(police_lead)
    page = client.get("/p/cambridgeshire/?quarter=2015-16-q3").content.decode()
    assert '2,417 <span class="mark">(draft)</span>' in page
    assert "<strong>Draft:</strong> not yet approved, so the board does not see it." in page
    meeting = client.get("/p/cambridgeshire/meeting/?quarter=2015-16-q3&objective=prevent")
    assert "2,417" not in meeting.content.decode()  # meeting mode is the board's view


def test_the_default_quarter_follows_approval_not_drafts(
    cambridgeshire, police_lead, coordinator, client, board_member
):
    save(police_lead, cambridgeshire, NEXT, 2417)
    assert board_quarters(cambridgeshire)[0] == Q3
    the_return = save(police_lead, cambridgeshire, NEXT, 2417, submit=True)
    assert board_quarters(cambridgeshire)[0] == Q3
    client.force_login(board_member)
    assert (
        "Domestic Abuse Strategy 2014-2018: 2015/16 Q3"
        in client.get("/p/cambridgeshire/").content.decode()
    )
    workflow.return_approve(the_return=the_return, user=coordinator)
    assert board_quarters(cambridgeshire)[0] == NEXT
    page = client.get("/p/cambridgeshire/").content.decode()
    assert "Domestic Abuse Strategy 2014-2018: 2016/17 Q1" in page and "2,417" in page
    value = Value.objects.get(indicator__code="police-da-incidents", period=NEXT)
    assert (value.approved_by, value.state) == (coordinator, "approved")


def test_a_partnership_may_show_its_board_figures_awaiting_approval_marked(
    cambridgeshire, police_lead, client, board_member
):
    save(police_lead, cambridgeshire, Q3, 2417, submit=True)
    board = Audience.board(cambridgeshire)
    assert incidents_seen(cambridgeshire, board)[Q3].value == 1859
    cambridgeshire.board_sees_submitted = True
    cambridgeshire.save()
    figure = incidents_seen(cambridgeshire, Audience.board(cambridgeshire))[Q3]
    assert (figure.value, figure.mark) == (2417, "awaiting approval")
    client.force_login(board_member)
    page = client.get("/p/cambridgeshire/?quarter=2015-16-q3").content.decode()
    assert "<strong>Awaiting approval:</strong> not yet approved.</p>" in page


def test_a_return_sent_back_leaves_the_board_the_figure_it_approved(
    cambridgeshire, police_lead, coordinator
):
    the_return = save(police_lead, cambridgeshire, NEXT, 2000, submit=True)
    workflow.return_approve(the_return=the_return, user=coordinator)
    the_return.refresh_from_db()
    workflow.return_send_back(the_return=the_return, user=coordinator, reason="Check Q1 total")
    save(police_lead, cambridgeshire, NEXT, 2100)
    board = incidents_seen(cambridgeshire, Audience.board(cambridgeshire), NEXT)[NEXT]
    assert (board.value, board.mark) == (2000, "")
    own = incidents_seen(cambridgeshire, Audience.of(access_for(police_lead, cambridgeshire)), NEXT)
    assert (own[NEXT].value, own[NEXT].mark) == (2100, "draft")


def test_a_coordinators_correction_counts_at_once_recorded_as_theirs(cambridgeshire, coordinator):
    save(coordinator, cambridgeshire, Q3, 1860)
    figure = incidents_seen(cambridgeshire, Audience.board(cambridgeshire))[Q3]
    assert (figure.value, figure.mark) == (1860, "")
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q3)
    assert value.approved_by == coordinator
    assert value.history.latest().history_user == coordinator


def test_a_lead_may_not_clear_a_figure_the_board_already_has(cambridgeshire, police_lead):
    organisation = police(cambridgeshire)
    with pytest.raises(workflow.WorkflowError, match="already has an approved figure"):
        workflow.return_save(
            organisation=organisation,
            quarter=Q3,
            user=police_lead,
            entries={"police-da-incidents.whole": workflow.Entry()},
            version=0,
        )
    assert Value.objects.get(indicator__code="police-da-incidents", period=Q3).value == 1859


def _import(coordinator, *rows):
    services.values_import(
        rows=[tidy.TidyRow(n, "cambridgeshire", *row, "") for n, row in enumerate(rows, 2)],
        user=coordinator,
        reason="Test",
    )


def test_a_view_as_at_q3_shows_nothing_later(cambridgeshire, coordinator, client, officer):
    _import(coordinator, ("police-da-incidents", "2015/16 Q4", "", "1900", ""))
    view = selectors.board_view(
        partnership=cambridgeshire,
        audience=Audience.board(cambridgeshire),
        params={"quarter": "2015-16-q3"},
    )
    assert view.quarter == Q3
    figures = incidents_seen(cambridgeshire, Audience.board(cambridgeshire))
    assert Period(2015, 4) not in figures and max(figures) == Q3
    client.force_login(officer)
    content = client.get("/p/cambridgeshire/export/board-pack.xlsx?quarter=2015-16-q3").content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    rows = [[c.value for c in row] for row in workbook["Prevent"].iter_rows()]
    year = next(r for r in rows if r[0] == "2015/16" and r[1] == 1862)
    assert year[4:6] == [None, None]  # no Q4, so no full year
    data = [row for row in workbook["Data"].iter_rows(values_only=True)]
    assert ("cambridgeshire", "police-da-incidents", "2015/16 Q4") not in {r[:3] for r in data}
    csv = client.get("/p/cambridgeshire/export/values.csv?quarter=2015-16-q3").content.decode()
    assert "2015/16 Q4" not in csv
    assert "2015/16 Q4" in client.get("/p/cambridgeshire/export/values.csv").content.decode()


def test_a_year_to_date_is_refused_unless_the_year_is_reported_so(cambridgeshire, coordinator):
    with pytest.raises(services.ImportRejected) as rejected:
        _import(coordinator, ("police-da-incidents", "2015/16 Q1-Q3", "", "5692", ""))
    assert "not as a year to date" in str(rejected.value.errors[0])
    incidents = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    FrequencyChange.objects.create(
        indicator=incidents, applies_from=Period(2016), frequency="year-to-date"
    )
    with pytest.raises(services.ImportRejected) as rejected:
        _import(coordinator, ("police-da-incidents", "2016/17 Q1", "", "2000", ""))
    assert "write the period as 2016/17 Q1-Q1" in str(rejected.value.errors[0])
    _import(coordinator, ("police-da-incidents", "2016/17 Q1-Q2", "", "4000", ""))
    assert Value.objects.get(indicator=incidents, period="2016/17 Q1-Q2").approved_value == 4000


def test_a_year_to_date_is_compared_with_the_same_year_to_date_on_the_dashboard(
    cambridgeshire, coordinator
):
    incidents = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    for year in (2016, 2017):
        FrequencyChange.objects.create(
            indicator=incidents, applies_from=Period(year), frequency="year-to-date"
        )
    _import(
        coordinator,
        ("police-da-incidents", "2016/17 Q1-Q2", "", "4000", ""),
        ("police-da-incidents", "2017/18 Q1-Q2", "", "4400", ""),
    )
    from datetime import date

    from dashboard import board

    view = selectors.board_view(
        partnership=cambridgeshire,
        audience=Audience.board(cambridgeshire),
        params={"quarter": "2017-18-q2"},
    )
    panel = next(
        p
        for s in board.dashboard(view, today=date(2018, 1, 1)).sections
        for p in s.panels
        if p.indicator.code == "police-da-incidents"
    )
    assert panel.period == Period(2017, 2, to_date=True)
    assert panel.sentence == (
        "2017/18 to the end of Q2: 4,400 incidents, up 10% on 2016/17 to the end of Q2 (4,000)."
    )
    assert [row.label for row in panel.rows][:2] == ["2017/18 to date", "2016/17 to date"]
    assert all(row.full_year.value is None for row in panel.rows[:2])


def test_the_dashboard_and_pack_of_every_partnership_show_its_papers_figures(
    client, coordinator, cheshire_coordinator, tmp_path
):
    client.force_login(cheshire_coordinator)
    page = client.get("/p/cheshire-east/").content.decode()
    assert "No figures yet" not in page
    assert "1,065" in page and "Baseline, before the strategy began: 2012/13" in page
    for slug, figure in (("cheshire-east", 1065), ("cambs-peterborough", 13237)):
        path = tmp_path / f"{slug}.xlsx"
        call_command("export_board_pack", partnership=slug, output=str(path), stdout=io.StringIO())
        workbook = openpyxl.load_workbook(path)
        cells = [
            c.value
            for ws in workbook.worksheets
            if ws.title != "Data"
            for r in ws.iter_rows()
            for c in r
        ]
        assert figure in cells, slug
        headers = [
            [c.value for c in r if c.value is not None]
            for ws in workbook.worksheets
            for r in ws.iter_rows()
        ]
        assert ["Year", "Full year"] in headers, slug


def test_the_definition_break_is_marked_in_the_board_pack(cambridgeshire, client, officer):
    client.force_login(officer)
    content = client.get("/p/cambridgeshire/export/board-pack.xlsx?quarter=2015-16-q3").content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    texts = [
        c.value
        for ws in workbook.worksheets
        for r in ws.iter_rows()
        for c in r
        if isinstance(c.value, str)
    ]
    assert any(t.startswith("† The definition changed in 2014/15 Q1") for t in texts)


@pytest.mark.parametrize("quarter", ["2015-16-q3", "2016-17-q1"])
def test_the_dashboard_reads_its_figures_in_the_same_queries_whatever_the_quarter(
    client, board_member, quarter, django_assert_max_num_queries
):
    client.force_login(board_member)
    # session, user; partnership, memberships; strategies; board quarters; objectives,
    # indicators, options, definitions, targets, frequency changes, expected levels; which are
    # calculated; figures; actions; who owes a return (indicators, their frequency changes,
    # returns begun) and which are overdue; the objectives' narratives; filter choices
    with django_assert_max_num_queries(28):
        assert client.get(f"/p/cambridgeshire/?quarter={quarter}").status_code == 200


def test_a_correction_in_the_admin_counts_at_once(client, cambridgeshire, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q3)
    client.force_login(admin)
    response = client.post(
        f"/admin/indicators/value/{value.pk}/change/",
        {
            "indicator": value.indicator_id,
            "period": "2015/16 Q3",
            "value": "1861",
            "missing_reason": "",
            "comment": "Corrected",
            "corrective_action": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    value.refresh_from_db()
    assert (value.approved_value, value.approved_by, value.state) == (1861, admin, "approved")


def test_the_strategys_success_measures_are_on_its_dashboard_and_in_its_board_pack(
    client, coordinator, tmp_path
):
    measure = "Increased victim satisfaction with services provided"
    client.force_login(coordinator)
    page = client.get("/p/cambs-peterborough/").content.decode()
    assert "How we will measure success" in page and measure in page
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership="cambs-peterborough",
        output=str(path),
        stdout=io.StringIO(),
    )
    texts = [
        c.value for ws in openpyxl.load_workbook(path).worksheets for r in ws.iter_rows() for c in r
    ]
    assert "How we will measure success" in texts and f"• {measure}" in texts


def test_the_history_of_a_draft_is_seen_only_by_its_organisation_and_coordinators(
    cambridgeshire, police_lead, idva_lead, board_member, coordinator, client
):
    save(police_lead, cambridgeshire, NEXT, 2417)
    address = "/p/cambridgeshire/indicators/police-da-incidents/?period=2016-17-q1"
    for user, sees in ((police_lead, True), (coordinator, True), (board_member, False)):
        client.force_login(user)
        history = client.get(address).content.decode().split('id="history"')[1]
        assert ("2,417" in history and "Saved as draft" in history) == sees, user.username
    client.force_login(idva_lead)
    assert "2,417" not in client.get(address).content.decode()


def test_a_coordinators_save_approves_only_the_lines_the_coordinator_changed(
    cambridgeshire, police_lead, coordinator
):
    organisation = police(cambridgeshire)
    LATER = Period(2016, 4)  # the police owe three lines in a Q4
    save(police_lead, cambridgeshire, LATER, 2417)
    lines = {line.key: line for line in return_lines(organisation, LATER)}
    entries = {
        key: workflow.Entry(line.value.value, line.value.missing_reason, line.value.comment, "")
        for key, line in lines.items()
    }
    other = next(key for key in entries if not key.startswith("police-da-incidents"))
    entries[other] = workflow.Entry(Decimal(5))
    workflow.return_save(
        organisation=organisation,
        quarter=LATER,
        user=coordinator,
        entries=entries,
        version=Return.objects.get(organisation=organisation, period=LATER).version,
    )
    incidents = Value.objects.get(indicator__code="police-da-incidents", period=LATER)
    assert (incidents.state, incidents.approved_at) == ("draft", None)
    changed = lines[other]
    corrected = Value.objects.get(indicator=changed.indicator, period=changed.period)
    assert (corrected.state, corrected.approved_value) == ("approved", 5)


def test_figures_awaiting_approval_never_leave_in_files_or_publications(
    cambridgeshire, police_lead, client, officer
):
    cambridgeshire.board_sees_submitted = True
    cambridgeshire.save()
    save(police_lead, cambridgeshire, Q3, 2417, submit=True)
    client.force_login(officer)
    assert "2417" not in client.get("/p/cambridgeshire/export/values.csv").content.decode()
    table = "/p/cambridgeshire/indicators/police-da-incidents/table.csv"
    assert "2417" not in client.get(table).content.decode()
    pack = "/p/cambridgeshire/export/board-pack.xlsx?quarter=2015-16-q3"
    published = openpyxl.load_workbook(io.BytesIO(client.get(pack + "&publication=1").content))
    cells = [c.value for ws in published.worksheets for r in ws.iter_rows() for c in r]
    assert 2417 not in cells and 1859 in cells
    internal = openpyxl.load_workbook(io.BytesIO(client.get(pack).content))
    marked = [
        c
        for ws in internal.worksheets
        if ws.title != "Data"
        for r in ws.iter_rows()
        for c in r
        if c.value == 2417
    ]
    assert marked and all("Awaiting approval" in c.comment.text for c in marked)


def test_a_single_table_download_from_a_quarters_view_stands_as_at_that_quarter(
    coordinator, client, officer
):
    _import(coordinator, ("police-da-incidents", "2015/16 Q4", "", "1900", ""))
    client.force_login(officer)
    table = "/p/cambridgeshire/indicators/police-da-incidents/table.csv"
    assert "1900" not in client.get(table + "?quarter=2015-16-q3").content.decode()
    assert "1900" in client.get(table).content.decode()
    page = client.get("/p/cambridgeshire/?quarter=2015-16-q3").content.decode()
    assert "police-da-incidents/table.csv?quarter=2015-16-q3" in page


def test_the_rag_of_actions_stands_as_at_the_quarter(cambridgeshire, coordinator, client):
    from strategy.models import Action, RagUpdate

    objective = cambridgeshire.strategies.get().objectives.get(code="protect")
    action = Action.objects.create(objective=objective, area_for_development="Training")
    RagUpdate.objects.create(
        action=action, period="2016/17 Q1", rag="red", reason="Later", updated_by=coordinator
    )
    view = selectors.board_view(
        partnership=cambridgeshire,
        audience=Audience.board(cambridgeshire),
        params={"quarter": "2015-16-q3"},
    )
    from datetime import date

    from dashboard import board

    assert action not in board.dashboard(view, today=date(2016, 3, 1)).red_actions


@pytest.mark.parametrize("username", ["board", "officer", "idva-lead"])
def test_a_return_in_draft_shows_others_only_its_approved_figures(
    cambridgeshire, police_lead, client, django_user_model, username
):
    save(police_lead, cambridgeshire, Q3, 2417)
    address = "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    client.force_login(django_user_model.objects.get(username=username))
    response = client.get(address)
    if response.status_code == 404:  # another organisation's lead may not open it at all
        assert username == "idva-lead"
        return
    assert "2,417" not in response.content.decode() and "1,859" in response.content.decode()
    download = client.get(address + "return.xlsx")
    assert download.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    cells = [c.value for ws in workbook.worksheets for r in ws.iter_rows() for c in r]
    assert 2417 not in cells and 1859 in cells


def test_a_return_in_a_locked_quarter_cannot_be_approved(cambridgeshire, police_lead, coordinator):
    the_return = save(police_lead, cambridgeshire, NEXT, 2417, submit=True)
    locks.quarter_lock(
        partnership=cambridgeshire,
        quarter=NEXT,
        user=coordinator,
        reason="Signed off by the board",
        outstanding_confirmed=True,
    )
    with pytest.raises(workflow.WorkflowError, match="is locked"):
        workflow.return_approve(the_return=the_return, user=coordinator)
    assert Value.objects.get(indicator__code="police-da-incidents", period=NEXT).approved_at is None


@pytest.fixture
def figures_outside_the_years(cambridgeshire):
    """Figures stored before imports refused such periods: Cambridgeshire's years are 2004/05
    to 2020/21."""
    from django.utils import timezone

    indicator = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    for period in (Period(9998, 4), Period(2099, 1), Period(2003, 4), Period(1000)):
        Value.objects.create(
            indicator=indicator,
            period=period,
            value=5,
            state="approved",
            approved_value=5,
            approved_at=timezone.now(),
        )


@pytest.mark.parametrize(
    "address",
    [
        "/p/cambridgeshire/",
        "/p/cambridgeshire/meeting/",
        "/p/cambridgeshire/?quarter=9998-99-q4",
        "/p/cambridgeshire/meeting/?quarter=9998-99-q4",
        "/p/cambridgeshire/indicators/police-da-incidents/",
    ],
)
def test_figures_stored_outside_the_years_are_ignored_by_every_board_page(
    client, coordinator, figures_outside_the_years, address
):
    client.force_login(coordinator)
    response = client.get(address)
    assert response.status_code == 200
    page = response.content.decode()
    for year in ("9998/99", "2099/00", "2003/04", "1000/01"):
        assert f'<th scope="row">{year}' not in page
        assert f'<option value="{year.replace("/", "-")}' not in page
    if "meeting" in address:
        assert "2015/16 Q3 · Prevent (objective 1 of 4)" in page
    elif "indicators" not in address:
        assert "Domestic Abuse Strategy 2014-2018: 2015/16 Q3" in page


def test_the_board_quarters_and_exports_leave_out_figures_outside_the_years(
    cambridgeshire, figures_outside_the_years
):
    assert board_quarters(cambridgeshire)[0] == Q3
    periods = {row[2] for row in figures.values_export_rows(partnership=cambridgeshire)}
    assert not periods & {"9998/99 Q4", "2099/00 Q1", "2003/04 Q4", "1000/01"}


def test_the_board_pack_is_made_whatever_is_stored_outside_the_years(
    client, officer, figures_outside_the_years
):
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/export/board-pack.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    data = [row[2] for row in workbook["Data"].iter_rows(min_row=2, values_only=True)]
    assert "9998/99 Q4" not in data and "2015/16 Q3" in data


def test_the_history_still_lists_them_so_a_coordinator_can_remove_them(
    client, coordinator, figures_outside_the_years
):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/indicators/police-da-incidents/").content.decode()
    history = page[page.index('id="history"') :]
    assert "<td>9998/99 Q4</td>" in history


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("2015-16-q3", "History of changes for 2015/16 Q3"),
        ("9998-99-q4", "9998/99 Q4 is outside Cambridgeshire Domestic Abuse and Sexual Violence"),
        ("2021-22-q1", "(2004/05 to 2020/21). Showing the history of every period."),
        ("not-a-period", "is not a financial year or quarter"),
    ],
)
def test_the_indicator_pages_period_must_be_in_the_years(client, coordinator, period, shown):
    client.force_login(coordinator)
    response = client.get(f"/p/cambridgeshire/indicators/police-da-incidents/?period={period}")
    assert response.status_code == 200
    assert shown in response.content.decode()
