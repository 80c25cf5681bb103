"""Counts the interface writes in sentences carry thousands separators, as figures do."""

from indicators.completeness import Outstanding
from indicators.services import ImportSummary


def test_what_an_import_did_separates_thousands():
    summary = ImportSummary(created=1440, unchanged=12000, skipped=1001)
    assert str(summary) == "1,440 new, 0 changed, 12,000 unchanged, 1,001 already present (kept)"


def test_the_returns_outstanding_before_a_lock_separate_thousands():
    outstanding = Outstanding.of(["draft"] * 1200 + ["approved"] * 10)
    assert str(outstanding) == "1,200 of 1,210 returns are not approved yet: 1,200 draft."
