"""A partnership's years: ten before its first strategy to two after its last, and nothing
outside them gets in, by an import, a return's address or the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from indicators import services, tidy
from indicators.models import Value
from indicators.periods import Period
from indicators.years import partnership_years, years_of_partnerships
from strategy.models import Partnership, Strategy

HEADER = "partnership,indicator,period,breakdown,value,status,note\n"
CAMBRIDGESHIRE = "Cambridgeshire Domestic Abuse and Sexual Violence Partnership"


def rows(text: str) -> list[tidy.TidyRow]:
    return tidy.read_csv(io.StringIO(HEADER + text))


def test_cambridgeshires_years_run_from_ten_before_its_strategy_to_two_after(cambridgeshire):
    # Its one strategy runs 2014-2018.
    years = partnership_years(cambridgeshire)
    assert str(years) == "2004/05 to 2020/21"
    assert Period(2004, 1) in years and Period(2020, 4) in years
    assert Period(2003, 4) not in years and Period(2021, 1) not in years
    assert Period(2020, 3, to_date=True) in years and Period(2021) not in years


def test_a_new_strategy_extends_the_years(cambridgeshire):
    Strategy.objects.create(
        partnership=cambridgeshire, slug="next", title="Next", start_year=2019, end_year=2023
    )
    assert str(partnership_years(cambridgeshire)) == "2004/05 to 2025/26"


def test_a_partnership_without_a_strategy_takes_the_setting(db, settings):
    settings.PERIOD_YEARS_WITHOUT_STRATEGY = (2010, 2012)
    newcomer = Partnership.objects.create(name="Newcomer", slug="newcomer", area="Nowhere")
    assert str(partnership_years(newcomer)) == "2010/11 to 2012/13"


def test_the_years_of_every_partnership_come_in_one_query(db, django_assert_num_queries):
    partnerships = list(Partnership.objects.all())
    with django_assert_num_queries(1):
        years = years_of_partnerships(partnerships)
    assert len(years) == len(partnerships) >= 3


def test_a_figure_outside_the_years_is_a_row_error_with_its_line(cambridgeshire, officer):
    before = Value.objects.count()
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows(
                "cambridgeshire,police-da-incidents,2015/16 Q4,,1790,,fine on its own\n"
                "cambridgeshire,police-da-incidents,9998/99 Q4,,5,,\n"
                "cambridgeshire,police-da-incidents,2003/04 Q4,,5,,\n"
                "cambridgeshire,court-cases,2021/22,,12,,\n"
            ),
            user=officer,
            reason="test",
        )
    assert [(e.line, e.message) for e in rejected.value.errors] == [
        (3, f"9998/99 Q4 is outside {CAMBRIDGESHIRE}'s years (2004/05 to 2020/21)."),
        (4, f"2003/04 Q4 is outside {CAMBRIDGESHIRE}'s years (2004/05 to 2020/21)."),
        (5, f"2021/22 is outside {CAMBRIDGESHIRE}'s years (2004/05 to 2020/21)."),
    ]
    assert Value.objects.count() == before


def test_the_first_and_last_years_are_accepted(cambridgeshire, officer):
    summary = services.values_import(
        rows=rows(
            "cambridgeshire,police-da-incidents,2004/05 Q1,,1200,,\n"
            "cambridgeshire,police-da-incidents,2020/21 Q4,,2100,,\n"
        ),
        user=officer,
        reason="test",
    )
    assert summary.created == 2


def test_a_partnership_one_may_not_import_for_does_not_give_away_its_years(cheshire_east, officer):
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows("cheshire-east,some-indicator,9998/99 Q4,,5,,\n"), user=officer, reason="x"
        )
    messages = " ".join(e.message for e in rejected.value.errors)
    assert "no partnership 'cheshire-east' you may import figures for" in messages
    assert "years" not in messages


def test_import_values_refuses_a_period_outside_the_years(cambridgeshire, tmp_path):
    path = tmp_path / "far.csv"
    path.write_text(HEADER + "cambridgeshire,police-da-incidents,2099/00 Q1,,5,,\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_values", str(path), stdout=io.StringIO(), stderr=errors)
    assert "line 2: 2099/00 Q1 is outside" in errors.getvalue()
    assert not Value.objects.filter(period=Period(2099, 1)).exists()


def test_the_import_page_shows_the_row_error(client, officer, cambridgeshire):
    client.force_login(officer)
    upload = SimpleUploadedFile(
        "far.csv", (HEADER + "cambridgeshire,police-da-incidents,9998/99 Q4,,5,,\n").encode()
    )
    page = client.post("/p/cambridgeshire/import/", {"file": upload}).content.decode()
    assert "9998/99 Q4 is outside" in page and "(2004/05 to 2020/21)" in page
    assert not Value.objects.filter(period=Period(9998, 4)).exists()


@pytest.mark.parametrize("quarter", ["2003-04-q4", "2021-22-q1", "2099-00-q1"])
@pytest.mark.parametrize(
    "address",
    [
        "/p/cambridgeshire/returns/{}/",
        "/p/cambridgeshire/returns/{}/cambridgeshire-constabulary/",
        "/p/cambridgeshire/returns/{}/cambridgeshire-constabulary/return.xlsx",
    ],
)
def test_a_return_address_outside_the_years_is_a_404(client, coordinator, address, quarter):
    client.force_login(coordinator)
    assert client.get(address.format(quarter)).status_code == 404


@pytest.mark.parametrize(
    ("address", "data"),
    [
        ("/p/cambridgeshire/returns/2021-22-q1/", {"action": "lock", "reason": "Signed off"}),
        (
            "/p/cambridgeshire/returns/2021-22-q1/cambridgeshire-constabulary/",
            {"version": 0, "action": "save", "police-da-incidents.whole-figure": "5"},
        ),
        (
            "/p/cambridgeshire/returns/2021-22-q1/cambridgeshire-constabulary/review/",
            {"decision": "approve"},
        ),
    ],
)
def test_a_post_to_a_quarter_outside_the_years_is_a_404_and_writes_nothing(
    client, coordinator, address, data
):
    from indicators.models import QuarterLock, Return

    client.force_login(coordinator)
    assert client.post(address, data).status_code == 404
    assert not Value.objects.filter(period=Period(2021, 1)).exists()
    assert not Return.objects.filter(period=Period(2021, 1)).exists()
    assert not QuarterLock.objects.filter(period=Period(2021, 1)).exists()


def test_the_first_and_last_quarters_open_and_link_only_inside_the_years(client, coordinator):
    client.force_login(coordinator)
    first = client.get("/p/cambridgeshire/returns/2004-05-q1/")
    last = client.get("/p/cambridgeshire/returns/2020-21-q4/")
    assert first.status_code == last.status_code == 200
    assert (
        "Previous:" not in first.content.decode() and "Next: 2004/05 Q2" in first.content.decode()
    )
    assert "Next:" not in last.content.decode() and "Previous: 2020/21 Q3" in last.content.decode()


def test_the_admin_refuses_a_figure_outside_the_years(client, cambridgeshire, django_user_model):
    from indicators.models import Indicator

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    indicator = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    response = client.post(
        "/admin/indicators/value/add/",
        {"indicator": indicator.pk, "period": "9998/99 Q4", "value": "5", "missing_reason": ""},
    )
    assert response.status_code == 200
    assert "9998/99 Q4 is outside" in response.content.decode()
    assert not Value.objects.filter(period=Period(9998, 4)).exists()
