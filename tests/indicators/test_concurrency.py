"""Two people saving the same return at the same moment: one wins, the other is told; and a
save or an import against a quarter being locked: one after the other, never past the lock."""

import io
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

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


# A quarter lock and the writes that check it: the lock takes the partnership's row lock, and so
# does every save and import before it asks whether its quarter is locked.

Q3 = Period(2015, 3)
WAIT = 0.5  # seconds: far longer than a save takes unless it is waiting for a row lock


def _people():
    from django.contrib.auth import get_user_model

    from indicators.demo import demo_load

    demo_load(password="x")
    users = get_user_model().objects
    lead, coordinator = users.get(username="police-lead"), users.get(username="coordinator")
    return lead, coordinator, lead.memberships.get().organisation


def _lock(coordinator, partnership, quarter=Q3):
    from indicators import locks

    return locks.quarter_lock(
        partnership=partnership,
        quarter=quarter,
        user=coordinator,
        reason="Signed off by the board",
        outstanding_confirmed=True,
    )


def _write(kind, lead, police, quarter, figure):
    """A partner lead's draft, or an officer's import, of the police's incidents."""
    from indicators import services, tidy

    if kind == "save":
        workflow.return_save(
            organisation=police,
            quarter=quarter,
            user=lead,
            entries={"police-da-incidents.whole": Entry(Decimal(figure))},
            version=Return.objects.filter(organisation=police, period=quarter).count(),
        )
    else:
        text = (
            "partnership,indicator,period,breakdown,value,status,note\n"
            f"cambridgeshire,police-da-incidents,{quarter},,{figure},,\n"
        )
        services.values_import(rows=tidy.read_csv(io.StringIO(text)), reason="test")


def _in_thread(work, done: threading.Event, outcome: dict):
    def run():
        try:
            outcome["result"] = work()
        except Exception as error:  # the test reads what the other side was told
            outcome["error"] = error
        finally:
            done.set()
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks are PostgreSQL's")
@pytest.mark.parametrize("kind", ["save", "import"])
def test_a_write_that_starts_while_the_quarter_is_being_locked_waits_and_is_refused(
    transactional_db, kind
):
    lead, coordinator, police = _people()
    locked, release, written = threading.Event(), threading.Event(), threading.Event()
    lock_outcome, write_outcome = {}, {}

    def lock_and_hold():
        with transaction.atomic():
            _lock(coordinator, police.partnership)
            locked.set()
            release.wait(10)  # the lock is made but not committed yet

    locker = _in_thread(lock_and_hold, threading.Event(), lock_outcome)
    assert locked.wait(10)
    writer = _in_thread(lambda: _write(kind, lead, police, Q3, 1861), written, write_outcome)
    # Without the row lock the write would not see the uncommitted lock and be done by now.
    assert not written.wait(WAIT), "the write did not wait for the lock in progress"
    release.set()
    locker.join(10)
    writer.join(10)
    assert "error" not in lock_outcome
    error = write_outcome.get("error")
    told = " ".join(e.message for e in getattr(error, "errors", [])) or str(error)
    assert "2015/16 Q3 is locked" in told
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q3)
    assert value.value == 1859  # as the board signed it off


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks are PostgreSQL's")
def test_a_lock_waits_for_a_save_in_progress_which_lands_before_it(transactional_db):
    from indicators.models import QuarterLock

    lead, coordinator, police = _people()
    saved, release, locked = threading.Event(), threading.Event(), threading.Event()
    save_outcome, lock_outcome = {}, {}

    def save_and_hold():
        with transaction.atomic():
            _write("save", lead, police, Q4, 1790)
            saved.set()
            release.wait(10)  # the save is made but not committed yet

    saver = _in_thread(save_and_hold, threading.Event(), save_outcome)
    assert saved.wait(10)
    locker = _in_thread(lambda: _lock(coordinator, police.partnership, Q4), locked, lock_outcome)
    assert not locked.wait(WAIT), "the lock did not wait for the save in progress"
    release.set()
    saver.join(10)
    locker.join(10)
    assert "error" not in save_outcome and "error" not in lock_outcome
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q4)
    lock = QuarterLock.objects.get(partnership=police.partnership, period=Q4)
    assert value.value == 1790
    assert value.history.latest().history_date < lock.locked_at


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks are PostgreSQL's")
def test_no_save_lands_after_the_lock_in_twenty_races(transactional_db):
    """The issue's trial: a lead's draft and the coordinator's lock at the same moment. Each
    save is either refused, or recorded before the lock was made."""
    from indicators.models import QuarterLock

    lead, coordinator, police = _people()
    quarters = [Period(2016 + n // 4, n % 4 + 1) for n in range(20)]
    outcomes = []
    for quarter in quarters:
        barrier = threading.Barrier(2)
        save_outcome, lock_outcome = {}, {}

        def save(quarter=quarter, barrier=barrier):
            barrier.wait()
            _write("save", lead, police, quarter, 1800)

        def lock(quarter=quarter, barrier=barrier):
            barrier.wait()
            _lock(coordinator, police.partnership, quarter)

        threads = [
            _in_thread(save, threading.Event(), save_outcome),
            _in_thread(lock, threading.Event(), lock_outcome),
        ]
        for thread in threads:
            thread.join(10)
        assert "error" not in lock_outcome
        made = QuarterLock.objects.get(partnership=police.partnership, period=quarter).locked_at
        value = Value.objects.filter(indicator__code="police-da-incidents", period=quarter).first()
        if "error" in save_outcome:
            assert "locked" in str(save_outcome["error"])
            assert value is None
            outcomes.append("refused")
        else:
            assert value.history.latest().history_date < made, f"{quarter}: saved after the lock"
            outcomes.append("before")
    assert len(outcomes) == 20


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks are PostgreSQL's")
def test_saves_of_two_organisations_do_not_wait_for_each_other(transactional_db):
    from django.contrib.auth import get_user_model

    lead, _, police = _people()
    idva_lead = get_user_model().objects.get(username="idva-lead")
    idva = idva_lead.memberships.get().organisation
    saved, release, other_saved = threading.Event(), threading.Event(), threading.Event()
    outcome, other_outcome = {}, {}

    def save_and_hold():
        with transaction.atomic():
            _write("save", lead, police, Q4, 1790)
            saved.set()
            release.wait(10)

    def save_the_other():
        workflow.return_save(
            organisation=idva,
            quarter=Q4,
            user=idva_lead,
            entries={"idva-engagement-rate.whole": Entry(Decimal(81))},
            version=0,
        )

    holder = _in_thread(save_and_hold, threading.Event(), outcome)
    assert saved.wait(10)
    other = _in_thread(save_the_other, other_saved, other_outcome)
    # Both hold the partnership shared: the second is not held up by the first.
    assert other_saved.wait(5), "the second save waited for the first"
    release.set()
    holder.join(10)
    other.join(10)
    assert "error" not in outcome and "error" not in other_outcome
    assert Return.objects.get(organisation=idva, period=Q4).version == 1
