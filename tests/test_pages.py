"""What every page has, as people expect of a finished product: a favicon, messages that screen
readers announce, focus on a form's errors, and error pages in the product's style."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.views.defaults import server_error

from strategy.models import Action


def test_every_page_links_the_favicon_and_the_script_that_moves_focus(client, board_member):
    client.force_login(board_member)
    for address in ("/", "/p/cambridgeshire/", "/p/cambridgeshire/meeting/", "/accessibility/"):
        page = client.get(address).content.decode()
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page, address
        assert '<script src="/static/js/site.js" defer></script>' in page, address
    assert finders.find("favicon.svg").endswith("static/favicon.svg")
    assert "error-summary" in Path(finders.find("js/site.js")).read_text()


def test_a_confirmation_is_a_status_banner_and_a_problem_an_alert(
    client, police_lead, cambridgeshire
):
    client.force_login(police_lead)
    action = Action.objects.create(
        objective=cambridgeshire.strategies.get().objectives.get(code="protect"),
        area_for_development="The first police response",
        lead_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
    )
    page = client.post(
        f"/p/cambridgeshire/actions/{action.pk}/",
        {"period": "2015/16 Q3", "rag": "green"},
        follow=True,
    ).content.decode()
    assert re.search(
        r'<div class="banner banner-success" role="status" tabindex="-1">'
        r"<p>Update saved.</p></div>",
        page,
    )
    page = client.get("/p/cambridgeshire/indicators/police-da-incidents/?period=nonsense")
    assert re.search(
        r'<div class="banner banner-problem" role="alert" tabindex="-1"><p>[^<]*'
        r"Showing the history of every period.</p></div>",
        page.content.decode(),
    )


@pytest.mark.parametrize(
    "template",
    ["registration/login.html", "strategy/action.html", "strategy/self_assessment.html"],
)
def test_every_error_summary_can_take_the_focus(template):
    from django.template.loader import get_template

    source = get_template(template).template.source
    assert 'class="error-summary" role="alert" tabindex="-1"' in source


def test_a_missing_page_is_in_the_products_style(client, board_member):
    client.force_login(board_member)
    response = client.get("/p/no-such-partnership/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert 'class="site-header"' in page and "Signed in as board" in page
    assert '<a href="/">Go to your partnerships</a>' in page


def test_a_server_error_page_needs_no_request_context():
    # Django renders 500.html with an empty context: no user, no messages, no request.
    response = server_error(RequestFactory().get("/p/cambridgeshire/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Sorry, something went wrong</h1>" in page
    assert 'class="site-header"' in page and "Signed in as" not in page
    assert '<link rel="icon" href="/static/favicon.svg"' in page
