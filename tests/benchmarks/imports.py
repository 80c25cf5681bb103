"""`make bench`: importing 50,000 changed figures beside exporting the same figures.

Generates one partnership of 750 indicators over 10 years (exactly 50,000 figures) once into the
bench database (BENCH_DATABASE_URL; a SQLite file by default), then, three times, exports its
figures, imports the same rows with every figure changed (reading the CSV, then checking and
writing with history) and imports them changed again through the import page, and prints the
median and slowest of each beside the 30 s a gunicorn worker has to answer. Each import commits,
as in use; the history records the bench wrote are removed at the end, so every run of the
bench starts from the same size. Run as `python -m tests.benchmarks.imports`.
"""

import io
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production settings, as the service runs: DEBUG off (no query log, cached templates).
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:///bench.sqlite3")

import django  # noqa: E402

from tests.benchmarks.dashboard import create_postgres_database  # noqa: E402

RUNS = 3
FIGURES = 50_000
SLUG = "import-1"  # synthetic_generate names it PREFIX-1
REASON, WEB_REASON = "bench: import", "Imported from bench-figures.csv"
REQUEST_TIMEOUT = 30  # gunicorn's default, which `make serve` keeps


def changed(rows: list[tuple], percentages: set[str]) -> list[tuple]:
    """Every figure one more (a percentage at 100 one less), so every row is a change."""
    out = []
    for row in rows:
        figure = int(row[4])
        figure = figure - 1 if figure >= 100 and row[1] in percentages else figure + 1
        out.append((*row[:4], str(figure), *row[5:]))
    return out


def csv_text(rows: list[tuple]) -> str:
    from indicators import tidy

    handle = io.StringIO(newline="")
    tidy.write_csv(rows, handle)
    return handle.getvalue()


def seconds(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def archive():
    """The bench's partnership of 50,000 figures, generated the first time."""
    from indicators.synthetic import SyntheticSize, synthetic_generate
    from strategy.models import Partnership

    if not Partnership.objects.filter(slug=SLUG).exists():
        # 750 indicators, a third with three options: 1,250 series of 40 quarters.
        synthetic_generate(
            size=SyntheticSize(partnerships=1, indicators=750, years=10), prefix="import"
        )
    return Partnership.objects.get(slug=SLUG)


def tidy_up() -> None:
    """The planner's statistics; on PostgreSQL also what autovacuum does between imports (a
    test server may run without it), or each import would read the row versions the one before
    left behind."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def web_import(user, content: bytes) -> float:
    """The import page's answer to an upload, through the whole stack but the socket."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client()
    client.force_login(user)
    upload = SimpleUploadedFile(WEB_REASON.removeprefix("Imported from "), content, "text/csv")
    took, response = seconds(lambda: client.post(f"/p/{SLUG}/import/", {"file": upload}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return took


def one_run(partnership, user, percentages: set[str]) -> dict[str, float]:
    from indicators import selectors, services, tidy

    tidy_up()
    took = {}
    took["export"], rows = seconds(lambda: selectors.values_export_rows(partnership=partnership))
    took["export CSV"], _ = seconds(lambda: csv_text(rows))
    assert len(rows) == FIGURES, len(rows)
    text = csv_text(changed(rows, percentages))
    took["read"], read = seconds(lambda: tidy.read_csv(io.StringIO(text, newline="")))
    took["write"], summary = seconds(
        lambda: services.values_import(rows=read, user=user, reason=REASON)
    )
    assert summary.changed == FIGURES, summary
    tidy_up()
    twice = changed(changed(rows, percentages), percentages)
    took["web"] = web_import(user, csv_text(twice).encode())
    return took


def main() -> None:
    if os.environ["DATABASE_URL"].startswith("postgres"):
        create_postgres_database(os.environ["DATABASE_URL"])
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from indicators.models import Indicator, Unit, Value

    call_command("migrate", verbosity=0)
    partnership = archive()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True}
    )
    percentages = set(
        Indicator.objects.filter(partnership=partnership, unit=Unit.PERCENTAGE).values_list(
            "code", flat=True
        )
    )
    runs = [one_run(partnership, user, percentages) for _ in range(RUNS)]
    written = Value.history.filter(history_change_reason__in=[REASON, WEB_REASON])
    assert written.count() == 2 * RUNS * FIGURES
    written.delete()

    def took(*parts: str) -> str:
        times = [sum(run[part] for part in parts) for run in runs]
        return f"{statistics.median(times):.1f} s (slowest {max(times):.1f} s)"

    print(
        f"{connection.vendor}, median of {RUNS}: export of {FIGURES:,} figures "
        f"{took('export', 'export CSV')}; import of the same rows, each changed, "
        f"{took('read', 'write')}: reading the CSV {took('read')}, checking and writing with "
        f"history {took('write')}; through the import page {took('web')}, of the "
        f"{REQUEST_TIMEOUT} s a worker has"
    )


if __name__ == "__main__":
    main()
