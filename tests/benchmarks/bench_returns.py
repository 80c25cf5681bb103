"""`make bench`: how long the return form of an organisation with 40 indicators takes to load
and to save. Prints figures; asserts nothing about time (CI machines differ)."""

import statistics
import time

from indicators.models import Indicator
from tests.indicators.test_returns import url

RUNS = 20


def timed(action) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    print(
        f"{name}: median {statistics.median(ordered):.1f} ms, "
        f"95th percentile {ordered[int(len(ordered) * 0.95) - 1]:.1f} ms over {len(ordered)} runs"
    )


def test_return_form_with_40_indicators(client, police_lead):
    police = police_lead.memberships.get().organisation
    extra = [
        Indicator(
            partnership=police.partnership,
            code=f"bench-{number}",
            title=f"Bench indicator {number}",
            unit="count",
            reporting_organisation=police,
        )
        for number in range(40 - 3)  # the police already report three in Q4
    ]
    Indicator.objects.bulk_create(extra)
    client.force_login(police_lead)
    page = client.get(url())
    assert page.content.decode().count("<fieldset") == 40
    report("load the return form (40 indicators)", timed(lambda: client.get(url())))

    versions = iter(range(RUNS))

    def save():
        version = next(versions)
        data = {"version": version, "action": "save"}
        for number in range(40 - 3):
            data[f"bench-{number}.whole-figure"] = str(100 + version + number)
        response = client.post(url(), data)
        assert response.status_code == 302, response.content.decode()[:2000]

    report("save the return form (37 figures changed)", timed(save))
