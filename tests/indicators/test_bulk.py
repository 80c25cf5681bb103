"""Imports at the size of an archive: figures written in batches, each with its history record
(who, when, why), all or nothing."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from indicators import bulk, selectors, services, tidy
from indicators.models import Indicator, Unit, Value
from indicators.periods import Period
from indicators.synthetic import SyntheticSize, synthetic_generate
from strategy.models import MembershipRole, Partnership


def archive_of(size: SyntheticSize) -> Partnership:
    synthetic_generate(size=size, prefix="archive")
    return Partnership.objects.get(slug="archive-1")


@pytest.fixture
def archive(db) -> Partnership:
    """30 indicators over 2016/17 to 2025/26, a third with three options: 2,000 approved
    figures, never edited (no history)."""
    return archive_of(SyntheticSize(partnerships=1, indicators=30, years=10))


@pytest.fixture
def analyst(archive, make_member):
    """An officer of the archive's partnership, who may import its figures."""
    return make_member("analyst", archive.organisations.first(), MembershipRole.OFFICER)


def exported(partnership: Partnership) -> list[tuple]:
    return selectors.values_export_rows(partnership=partnership)


def as_rows(rows: list[tuple]) -> list[tidy.TidyRow]:
    return [tidy.TidyRow(line, *row) for line, row in enumerate(rows, start=2)]


def changed(rows: list[tuple]) -> list[tuple]:
    """Every figure one more (synthetic percentages stop at 95, so each stays a percentage)."""
    return [(*row[:4], str(int(row[4]) + 1), *row[5:]) for row in rows]


def earlier(rows: list[tuple], years: int) -> list[tuple]:
    """The same series `years` years before: figures the archive does not have yet."""
    moved = []
    for row in rows:
        period = tidy.parse_period_text(row[2])
        moved.append((*row[:2], str(Period(period.year - years, period.quarter)), *row[3:]))
    return moved


def snapshot() -> tuple[list, int]:
    return list(Value.objects.order_by("pk").values_list()), Value.history.count()


def test_created_and_changed_figures_each_get_history_with_the_user_and_reason(archive, analyst):
    first = exported(archive)[:300]
    summary = services.values_import(
        rows=as_rows(changed(first) + earlier(first, 10)), user=analyst, reason="Archive 2006-26"
    )
    assert (summary.created, summary.changed, summary.unchanged) == (300, 300, 0)
    history = Value.history.filter(history_change_reason="Archive 2006-26")
    assert history.count() == 600
    assert set(history.values_list("history_user", flat=True)) == {analyst.pk}
    assert sorted(history.values_list("history_type", flat=True)) == ["+"] * 300 + ["~"] * 300
    one = Value.objects.get(pk=history.filter(history_type="~").first().id)
    record = one.history.get()
    assert (record.value, record.version, record.history_type) == (one.value, 2, "~")
    assert record.history_date == one.approved_at


def test_an_import_sets_the_copy_the_board_sees_and_leaves_a_draft_of_what_it_already_sees(
    archive, analyst
):
    draft = Value.objects.filter(indicator__partnership=archive, option=None).first()
    draft.state = Value.State.DRAFT  # a lead's correction, not yet approved: same figure
    draft.save()
    same = (archive.slug, draft.indicator.code, str(draft.period), "", str(draft.value), "", "")
    others = [row for row in exported(archive) if row[1] != draft.indicator.code][:99]
    services.values_import(
        rows=as_rows([same, *changed(others), *earlier([same], 10)]), user=analyst, reason="R"
    )
    draft.refresh_from_db()
    # The board already sees that figure: the import leaves the lead's draft as it was.
    assert (draft.version, draft.state) == (1, Value.State.DRAFT)
    imported = Value.objects.filter(updated_by=analyst).select_related("indicator")
    assert sorted(value.version for value in imported) == [1] + [2] * 99
    for value in imported:
        assert value.state == Value.State.APPROVED and value.approved_by == analyst
        assert (value.approved_value, value.approved_at) == (value.value, value.updated_at)
        assert value.unit == value.indicator.unit


def test_an_import_of_its_own_export_changes_nothing(archive, analyst):
    before = snapshot()
    summary = services.values_import(rows=as_rows(exported(archive)), user=analyst, reason="Again")
    assert (summary.created, summary.changed, summary.unchanged) == (0, 0, 2000)
    assert snapshot() == before


def test_keep_existing_leaves_every_figure_already_there_alone(archive):
    rows = exported(archive)[:50]
    before = snapshot()
    summary = services.values_import(
        rows=as_rows(changed(rows) + earlier(rows, 10)), reason="Demo", keep_existing=True
    )
    assert (summary.created, summary.changed, summary.skipped) == (50, 0, 50)
    kept = Value.objects.filter(pk__in=[row[0] for row in before[0]]).order_by("pk")
    assert list(kept.values_list()) == before[0]
    assert Value.history.count() == before[1] + 50


def test_a_figure_the_database_refuses_half_way_writes_nothing(archive, analyst, monkeypatch):
    """With the figure check skipped, a percentage of 250 among the import's last rows reaches
    the database, whose own rule refuses it: what was written before it is undone too."""
    monkeypatch.setattr(services.judgement, "parse_figure", lambda text, unit: Decimal(text))
    rows = changed(exported(archive))
    percentage = Indicator.objects.filter(partnership=archive, unit=Unit.PERCENTAGE).last()
    at = max(i for i, row in enumerate(rows) if row[1] == percentage.code)
    rows[at] = (*rows[at][:4], "250", *rows[at][5:])
    before = snapshot()
    with pytest.raises(IntegrityError):
        services.values_import(rows=as_rows(rows), user=analyst, reason="Refused")
    assert snapshot() == before


def test_an_import_of_2000_rows_takes_a_few_statements_not_one_a_row(
    archive, analyst, django_assert_max_num_queries
):
    rows = exported(archive)[:1000]
    rows = as_rows(changed(rows) + earlier(rows, 10))
    # 10 to read and frame: the partnership, the analyst's memberships in it, its years (its
    # strategies), its indicators, their options and frequency changes, its locked quarters,
    # its figures (locked for the import), a savepoint and its release. Then per batch of rows
    # one statement and one copy into history: PostgreSQL takes each batch whole as arrays
    # (1,000 new and 1,000 changed: 2 + 2); SQLite 999 parameters, so 52 new rows of 19 columns
    # or 66 changed rows of 15 columns a statement (2 x 20 + 2 x 16 = 72). On PostgreSQL one
    # more first: the partnership's row held against a lock (SQLite writes one at a time).
    writes = 1 + 4 if connection.vendor == "postgresql" else 72
    with django_assert_max_num_queries(10 + writes):
        summary = services.values_import(rows=rows, user=analyst, reason="Counted")
    assert (summary.created, summary.changed) == (1000, 1000)


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_after_its_first_batch_of_10000_writes_nothing(monkeypatch):
    """With its own transaction, as in use: the first 10,000 figures and their history are
    written, then the import dies; afterwards nothing of it is there."""
    archive = archive_of(SyntheticSize(partnerships=1, indicators=60, years=30))  # 12,000
    rows = as_rows(changed(exported(archive)))
    before = snapshot()
    update, calls = bulk.values_update, []

    def dies_after_one_batch(values, **kwargs):
        calls.append(len(values))
        if len(calls) > 1:
            assert Value.history.count() == before[1] + services.BATCH  # half-way, truly
            raise RuntimeError("the worker died")
        update(values, **kwargs)

    monkeypatch.setattr(bulk, "values_update", dies_after_one_batch)
    with pytest.raises(RuntimeError, match="the worker died"):
        services.values_import(rows=rows, reason="Killed")
    assert calls == [services.BATCH, len(rows) - services.BATCH]
    assert snapshot() == before
