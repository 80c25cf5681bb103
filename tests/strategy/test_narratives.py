"""The quarter's narrative per objective: who writes it, drafts and final, stale edits refused,
and where the board reads it (dashboard, meeting mode, board pack)."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from strategy.models import Narrative, narrative_blocks
from strategy.narratives import (
    NarrativeError,
    narrative_history,
    narrative_save,
    narrative_start,
    previous_quarter,
    quarter_from_slug,
)

PAGE = "/p/cambridgeshire/narrative/domestic-abuse-2014-2018/prevent/{}/"
DASHBOARD = "/p/cambridgeshire/?quarter=2015-16-q3"


@pytest.fixture
def prevent(cambridgeshire):
    return cambridgeshire.strategies.get().objectives.get(code="prevent")


def test_paragraphs_and_dash_lists_become_blocks():
    text = "First paragraph\ngoes on.\n\n- one\n- two\n  continued\nAfter the list."
    assert narrative_blocks(text) == [
        ("p", "First paragraph goes on."),
        ("ul", ["one", "two continued After the list."]),
    ]
    assert narrative_blocks("Intro:\n- a\n- b") == [("p", "Intro:"), ("ul", ["a", "b"])]


def test_the_quarter_before_the_first_is_the_last_of_the_year_before():
    assert previous_quarter("2015/16 Q1") == "2014/15 Q4"
    assert previous_quarter("2015/16 Q3") == "2015/16 Q2"


def test_an_address_names_a_quarter_only_as_addresses_write_it():
    assert quarter_from_slug("2015-16-q3") == "2015/16 Q3"
    assert quarter_from_slug("2099-00-q4") == "2099/00 Q4"
    for other in ("2015-16", "2015-16-q1-q3", "2015-17-q3", "2015-16 Q3", "q3", "2015-16-q5"):
        assert quarter_from_slug(other) is None, other


def test_the_demo_holds_paper_003s_narrative_as_final(prevent):
    narrative = prevent.narratives.get(period="2015/16 Q3")
    assert narrative.is_final
    assert "may reach a peak and become steady" in narrative.text


def test_an_officer_saves_a_draft_then_final_and_each_save_is_in_the_history(prevent, officer):
    narrative = narrative_save(
        objective=prevent,
        user=officer,
        period="2015/16 Q4",
        text="Draft\r\n",
        state="draft",
        version=0,
    )
    assert (narrative.text, narrative.state, narrative.version) == ("Draft", "draft", 1)
    narrative = narrative_save(
        objective=prevent,
        user=officer,
        period="2015/16 Q4",
        text="Final words",
        state="final",
        version=1,
    )
    assert narrative.version == 2
    history = list(narrative.history.order_by("history_date"))
    assert [h.text for h in history] == ["Draft", "Final words"]
    assert {h.history_user for h in history} == {officer}


def test_a_stale_edit_is_refused_and_changes_nothing(prevent, officer, coordinator):
    narrative_save(
        objective=prevent,
        user=officer,
        period="2015/16 Q4",
        text="Mine",
        state="draft",
        version=0,
    )
    with pytest.raises(NarrativeError, match="after you opened it"):
        narrative_save(
            objective=prevent,
            user=coordinator,
            period="2015/16 Q4",
            text="Theirs",
            state="final",
            version=0,
        )
    assert Narrative.objects.get(objective=prevent, period="2015/16 Q4").text == "Mine"


def test_a_stale_save_changes_neither_the_narrative_nor_its_history(prevent, officer, coordinator):
    mine = narrative_save(
        objective=prevent, user=officer, period="2015/16 Q4", text="Mine", state="draft", version=0
    )
    narrative_save(
        objective=prevent,
        user=officer,
        period="2015/16 Q4",
        text="Mine, again",
        state="draft",
        version=1,
    )
    with pytest.raises(NarrativeError, match=r"\(officer\) saved this narrative after you"):
        narrative_save(
            objective=prevent,
            user=coordinator,
            period="2015/16 Q4",
            text="Theirs",
            state="final",
            version=1,
        )
    mine.refresh_from_db()
    assert (mine.text, mine.state, mine.version, mine.updated_by) == (
        "Mine, again",
        "draft",
        2,
        officer,
    )
    assert mine.history.count() == 2


def test_each_save_is_in_the_history_with_who_and_why_newest_first(prevent, officer, coordinator):
    narrative = narrative_save(
        objective=prevent, user=officer, period="2015/16 Q4", text="Draft", state="draft", version=0
    )
    narrative_save(
        objective=prevent,
        user=coordinator,
        period="2015/16 Q4",
        text="Final",
        state="final",
        version=1,
    )
    assert [
        (h.history_user, h.history_change_reason, h.version) for h in narrative_history(narrative)
    ] == [(coordinator, "Saved as final", 2), (officer, "Saved as draft", 1)]
    assert narrative_history(None) == []


def test_a_new_quarter_starts_as_a_draft_from_the_previous_quarters_text(prevent, officer):
    start = narrative_start(prevent, "2015/16 Q4")
    written = prevent.narratives.get(period="2015/16 Q3")
    assert (start.current, start.text, start.state, start.version) == (
        None,
        written.text,
        "draft",
        0,
    )
    assert start.from_previous
    saved = narrative_save(
        objective=prevent, user=officer, period="2015/16 Q4", text="Own", state="final", version=0
    )
    start = narrative_start(prevent, "2015/16 Q4")
    assert (start.current, start.text, start.state, start.version) == (saved, "Own", "final", 1)
    assert not start.from_previous


@pytest.mark.parametrize(
    ("who", "period", "text", "message"),
    [
        ("board", "2015/16 Q4", "Words", "coordinator or an officer"),
        ("police-lead", "2015/16 Q4", "Words", "coordinator or an officer"),
        ("officer", "2019/20 Q1", "Words", "not a quarter of"),
        ("officer", "2015/16 Q4", " \n\x0b ", "empty"),
    ],
)
def test_bad_saves_are_refused_with_a_reason(
    prevent, django_user_model, who, period, text, message
):
    user = django_user_model.objects.get(username=who)
    with pytest.raises(NarrativeError, match=message):
        narrative_save(
            objective=prevent, user=user, period=period, text=text, state="final", version=0
        )
    assert not Narrative.objects.filter(objective=prevent, period=period).exists()


def test_the_page_offers_the_previous_quarters_text_and_saves(client, officer, prevent):
    client.force_login(officer)
    page = client.get(PAGE.format("2015-16-q4")).content.decode()
    assert "2015/16 Q3's, offered as a start" in page
    assert "may reach a peak and become steady" in page
    response = client.post(
        PAGE.format("2015-16-q4"),
        {"text": "Reporting held steady.\n\n- one\n- two", "state": "draft", "version": "0"},
    )
    assert response.status_code == 302
    saved = Narrative.objects.get(objective=prevent, period="2015/16 Q4")
    assert (saved.text, saved.state, saved.updated_by) == (
        "Reporting held steady.\n\n- one\n- two",
        "draft",
        officer,
    )


def test_the_page_says_a_stale_save_was_refused(client, officer, coordinator, prevent):
    client.force_login(coordinator)
    opened_version = prevent.narratives.get(period="2015/16 Q3").version
    narrative_save(
        objective=prevent,
        user=officer,
        period="2015/16 Q3",
        text="Officer's",
        state="final",
        version=opened_version,
    )
    response = client.post(
        PAGE.format("2015-16-q3"),
        {"text": "Coordinator's", "state": "final", "version": str(opened_version)},
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert prevent.narratives.get(period="2015/16 Q3").text == "Officer's"


def test_the_board_reads_the_final_narrative_above_the_tables_and_never_a_draft(
    client, board_member, officer, prevent
):
    narrative_save(
        objective=prevent.strategy.objectives.get(code="pursue"),
        user=officer,
        period="2015/16 Q3",
        text="<script>alert(1)</script> not ready",
        state="draft",
        version=1,
    )
    client.force_login(board_member)
    page = client.get(DASHBOARD).content.decode()
    assert "may reach a peak and become steady" in page
    assert page.index("may reach a peak") < page.index("<caption>Total number of domestic")
    assert "not ready" not in page
    assert "Write the narrative" not in page and "Edit the narrative" not in page


def test_writers_see_drafts_marked_and_escaped_and_a_link_to_edit(client, officer, prevent):
    pursue = prevent.strategy.objectives.get(code="pursue")
    narrative_save(
        objective=pursue,
        user=officer,
        period="2015/16 Q3",
        text="<script>alert(1)</script> not ready",
        state="draft",
        version=1,
    )
    client.force_login(officer)
    page = client.get(DASHBOARD).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; not ready" in page
    assert "<script>alert(1)" not in page
    assert "(draft: the board does not see it)" in page
    assert PAGE.format("2015-16-q3") in page


def test_meeting_mode_shows_the_final_narrative_only_whoever_looks(client, officer, prevent):
    pursue = prevent.strategy.objectives.get(code="pursue")
    narrative_save(
        objective=pursue,
        user=officer,
        period="2015/16 Q3",
        text="Not ready",
        state="draft",
        version=1,
    )
    client.force_login(officer)
    prevent_screen = client.get("/p/cambridgeshire/meeting/?quarter=2015-16-q3&objective=prevent")
    assert "may reach a peak and become steady" in prevent_screen.content.decode()
    pursue_screen = client.get("/p/cambridgeshire/meeting/?quarter=2015-16-q3&objective=pursue")
    assert "Not ready" not in pursue_screen.content.decode()


def test_the_board_pack_holds_the_final_narrative_on_the_objectives_sheet(
    cambridgeshire, officer, tmp_path
):
    narrative_save(
        objective=cambridgeshire.strategies.get().objectives.get(code="pursue"),
        user=officer,
        period="2015/16 Q3",
        text="A draft nobody approved",
        state="draft",
        version=1,
    )
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership="cambridgeshire",
        quarter="2015/16 Q3",
        output=str(path),
        stdout=io.StringIO(),
    )
    workbook = openpyxl.load_workbook(path)
    recover = [c.value for row in workbook["Recover"].iter_rows() for c in row if c.value]
    assert "Narrative for 2015/16 Q3" in recover
    assert any(str(v).startswith("• The Bobby Scheme increases") for v in recover)
    pursue = " ".join(str(c.value) for row in workbook["Pursue"].iter_rows() for c in row)
    assert "nobody approved" not in pursue


def test_a_quarter_outside_the_strategy_has_no_narrative_page(client, officer):
    client.force_login(officer)
    assert client.get(PAGE.format("2019-20-q1")).status_code == 404
    assert client.get(PAGE.format("2015-16-q5")).status_code == 404


def test_the_page_takes_a_handful_of_queries(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    client.get(PAGE.format("2015-16-q4"))  # renews the session: not again within five minutes
    # session, user; partnership, memberships; strategy and objective; this quarter's
    # narrative and the one before; its history
    with django_assert_max_num_queries(7):
        response = client.get(PAGE.format("2015-16-q4"))
    assert response.status_code == 200
