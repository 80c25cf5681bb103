"""`make bench`: the dashboard's server time for one partnership at national size.

Generates 300 partnerships x 60 indicators x 12 years (1.44 million figures) once into the
bench database (BENCH_DATABASE_URL; a SQLite file by default), then prints the median time of
the dashboard through the Django test client beside the bare query for the same figures.
Run as `python -m tests.benchmarks.dashboard`.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production settings, as the service runs: DEBUG off (no query log, cached templates, the
# static manifest, which `make bench` collects first).
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:///bench.sqlite3")

import django  # noqa: E402

RUNS = 20
PARTNERSHIPS = int(os.environ.get("BENCH_PARTNERSHIPS", "300"))


def create_postgres_database(url: str) -> None:
    """The bench database beside the others on the server, made if it is not there."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    if os.environ["DATABASE_URL"].startswith("postgres"):
        create_postgres_database(os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from indicators.models import Indicator, Value
    from indicators.periods import Period
    from indicators.selectors import Audience, visible_figures
    from indicators.synthetic import SyntheticSize, synthetic_generate
    from strategy.models import Partnership

    call_command("migrate", verbosity=0)
    made = Partnership.objects.filter(slug__startswith="national-").count()
    if made < PARTNERSHIPS:  # none yet, or an earlier run was interrupted
        started = time.perf_counter()
        written = synthetic_generate(
            size=SyntheticSize(partnerships=PARTNERSHIPS), prefix="national", first=made + 1
        )
        print(f"generated {written:,} figures in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as after any bulk load: the planner needs fresh statistics
    total = Value.objects.count()
    slug = f"national-{PARTNERSHIPS // 2}"
    partnership = Partnership.objects.get(slug=slug)
    quarter = Period(2025, 3)
    url = f"/p/{slug}/?quarter={quarter.slug}"
    ids = set(Indicator.objects.filter(partnership=partnership).values_list("pk", flat=True))
    for who, audience in (
        ("a board member", Audience.board(partnership)),
        ("a coordinator (drafts too)", Audience(partnership, drafts_of=None)),
    ):
        client = Client()
        client.force_login(bench_user(partnership, board=audience.sees_only_approved))
        assert client.get(url).status_code == 200
        page = median_ms(lambda client=client: client.get(url))

        def bare(audience=audience):
            return visible_figures(
                indicator_ids=ids, audience=audience, as_at=quarter, first_year=quarter.year - 4
            )

        query = median_ms(bare)
        figures = sum(len(f) for f in bare().values())
        print(
            f"{connection.vendor}: dashboard of one partnership as {who} (60 indicators, "
            f"{figures:,} figures of {total:,}): median {page:.1f} ms; the bare query for those "
            f"figures: median {query:.1f} ms; ratio {page / query:.0f}x"
        )
    board_pack(partnership)


def bench_user(partnership, *, board: bool):
    """A board member of the partnership, who sees approved figures only, or a superuser, who
    sees every draft as a coordinator does."""
    from django.contrib.auth import get_user_model

    from strategy.models import Membership

    if not board:
        user, _ = get_user_model().objects.get_or_create(
            username="bench", defaults={"is_superuser": True}
        )
        return user
    user, _ = get_user_model().objects.get_or_create(username="bench-board")
    Membership.objects.get_or_create(
        user=user,
        organisation=partnership.organisations.first(),
        role=Membership.Role.BOARD_MEMBER,
    )
    return user


def board_pack(partnership) -> None:
    """The board pack of the same partnership: every figure of its 12 years."""
    import tracemalloc

    from dashboard.boardpack import make_board_pack
    from indicators.periods import Period

    def make() -> bytes:
        return make_board_pack(
            partnership=partnership, made_by="bench", params={"quarter": Period(2025, 3).slug}
        ).content

    times = []
    for _ in range(5):
        started = time.perf_counter()
        content = make()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    make()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"board pack of that partnership (60 indicators, 12 years): median "
        f"{statistics.median(times):.2f} s over 5, {len(content) / 1024:.0f} KB, "
        f"peak Python memory {peak / 1024 / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
