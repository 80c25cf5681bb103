"""Text as people paste it: control characters cleaned on the way in, through every door."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.models import Value
from strategy.models import Action, RagUpdate
from strategy.text import NOTE_MAX_LENGTH, clean_text, without_control_characters
from tests.indicators.test_returns import form_data, incidents, url


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Line one\r\nLine two\rLine three\nend", "Line one\nLine two\nLine three\nend"),
        ("Tab\tkept", "Tab\tkept"),
        (
            "NUL\x00 bell\x07 vertical tab\x0b form feed\x0c escape\x1b",
            "NUL bell vertical tab form feed escape",
        ),
        ("DEL\x7f and C1\x85\x9f gone", "DEL and C1 gone"),
        ("£1,859 – “quoted” café ١٢٣", "£1,859 – “quoted” café ١٢٣"),
    ],
)
def test_clean_text_keeps_tabs_and_line_breaks_and_drops_other_control_characters(given, kept):
    assert clean_text(given) == kept


def test_text_written_out_keeps_its_carriage_returns_but_loses_what_xml_cannot_hold():
    assert without_control_characters("a\r\nb\rc\x0bd\x00") == "a\r\nb\rcd"


@given(st.text())
def test_no_cleaned_text_holds_a_character_openpyxl_refuses_to_write(text):
    assert not ILLEGAL_CHARACTERS_RE.search(without_control_characters(text))
    assert not ILLEGAL_CHARACTERS_RE.search(clean_text(text))


def test_a_comment_pasted_with_control_characters_is_saved_clean(client, police_lead):
    client.force_login(police_lead)
    pasted = "From the force system\x0b\x00\r\nProvisional"
    response = client.post(url(), form_data(police_da_incidents__whole=("1790", "", pasted)))
    assert response.status_code == 302
    assert incidents().comment == "From the force system\nProvisional"


def test_a_comment_longer_than_4000_characters_is_refused_beside_its_field(client, police_lead):
    client.force_login(police_lead)
    page = client.get(url()).content.decode()
    assert "Up to 4,000 characters." in page and f'maxlength="{NOTE_MAX_LENGTH}"' in page
    long = "x" * (NOTE_MAX_LENGTH + 1)
    response = client.post(url(), form_data(police_da_incidents__whole=("1790", "", long)))
    assert response.status_code == 200
    assert (
        "Ensure this value has at most 4000 characters (it has 4001)." in response.content.decode()
    )
    assert incidents() is None
    exactly = "y" * NOTE_MAX_LENGTH
    client.post(url(), form_data(police_da_incidents__whole=("1790", "", exactly)))
    assert incidents().comment == exactly


def test_a_rag_update_pasted_with_control_characters_is_saved_clean(
    client, police_lead, cambridgeshire
):
    action = Action.objects.create(
        objective=cambridgeshire.strategies.get().objectives.first(),
        area_for_development="Led by the police",
        lead_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
    )
    client.force_login(police_lead)
    response = client.post(
        f"/p/cambridgeshire/actions/{action.pk}/",
        {
            "period": "2015/16 Q3",
            "rag": "amber",
            "progress": "Training\x0b booked\r\nfor March\x00",
            "risks_and_issues": "\x1bNone",
        },
    )
    assert response.status_code == 302
    update = RagUpdate.objects.get(action=action)
    assert (update.progress, update.risks_and_issues) == ("Training booked\nfor March", "None")


def test_text_typed_in_the_admin_is_saved_clean(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", is_staff=True, is_superuser=True)
    value = Value.objects.filter(indicator__code="police-da-incidents").first()
    client.force_login(staff)
    form = client.get(f"/admin/indicators/value/{value.pk}/change/").context["adminform"].form
    data = {name: "" if v is None else v for name, v in form.initial.items()}
    data.update(
        indicator=value.indicator_id,
        period=str(value.period),
        value=str(value.value),
        comment="Checked\x0b by\x07 the analyst\r\nagain",
    )
    response = client.post(f"/admin/indicators/value/{value.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    value.refresh_from_db()
    assert value.comment == "Checked by the analyst\nagain"
