"""Two people saving the same return at the same moment: one wins, the other is told."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from indicators import workflow
from indicators.models import Return, Value
from indicators.periods import Period
from indicators.workflow import Entry

Q4 = Period(2015, 4)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers itself; row locks are what PostgreSQL must get right",
)
def test_simultaneous_saves_from_one_version_accept_exactly_one(transactional_db):
    from indicators.demo import demo_load

    demo_load(password="x")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    lead, coordinator = users.get(username="police-lead"), users.get(username="coordinator")
    police = lead.memberships.get().organisation
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, figure):
        barrier.wait()
        try:
            workflow.return_save(
                organisation=police,
                quarter=Q4,
                user=user,
                entries={"police-da-incidents.whole": Entry(Decimal(figure))},
                version=0,
            )
            outcomes[figure] = "saved"
        except workflow.StaleReturn:
            outcomes[figure] = "stale"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(lead, 1790)),
        threading.Thread(target=save, args=(coordinator, 1800)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(figure for figure, outcome in outcomes.items() if outcome == "saved")
    assert Value.objects.get(indicator__code="police-da-incidents", period=Q4).value == winner
    assert Return.objects.get(organisation=police, period=Q4).version == 1
