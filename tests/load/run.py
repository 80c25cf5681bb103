"""`make load`: concurrent partner leads and board members against gunicorn and PostgreSQL.

Starts the app under gunicorn with production settings on 127.0.0.1, drives it for a bounded
time (LOAD_SECONDS, 60 by default) with partner leads saving and submitting returns (two leads
per organisation, so some edit the same return at once) and board members reading dashboards,
prints requests per second, the median and 95th-percentile latency by page and the errors, and
then checks the database: every accepted save is there, every refused one was refused with the
stale-edit message, and no figure was lost or overwritten unseen. Exits non-zero if not.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("LOAD_PORT", "8031"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
DATABASE = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/partnership_load"
)
PASSWORD = "load-" + secrets.token_urlsafe(12)
QUARTER = "2015-16-q4"
STALE = "Your changes were not saved"
ORGANISATIONS = ["cambridgeshire-constabulary", "idva-service", "cambridgeshire-county-council"]
ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": "load-" + secrets.token_urlsafe(40),
    "DATABASE_URL": DATABASE,
    "ALLOWED_HOSTS": "127.0.0.1",
    "DEMO_PASSWORD": PASSWORD,
    "AXES_FAILURE_LIMIT": "1000",
}


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    accepted: dict[str, list[tuple[int, dict]]] = field(default_factory=lambda: defaultdict(list))
    refused: int = 0
    refused_wrongly: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def time(self, page: str, seconds: float) -> None:
        with self.lock:
            self.latencies[page].append(seconds * 1000)


class Browser:
    """A minimal HTTP client: keeps its cookies, sends what a browser behind HTTPS would."""

    def __init__(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {
            "X-Forwarded-Proto": "https",  # as the TLS proxy in front of gunicorn says
            "Origin": f"https://127.0.0.1:{PORT}",
            "Referer": f"https://127.0.0.1:{PORT}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def sign_in(self, username: str) -> None:
        _, page = self.request("GET", "/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": _token(page), "username": username, "password": PASSWORD},
        )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _fields(page: str) -> dict[str, str]:
    """The return form's figure fields and the version it was opened at."""
    version = re.search(r'name="version" value="(\d+)"', page)
    names = re.findall(r'name="([a-z0-9-]+\.[a-z0-9-]+)-figure"', page)
    return {"version": version.group(1) if version else None, "names": names}


def partner_lead(username: str, organisation: str, tally: Tally, stop: float) -> None:
    browser = Browser()
    browser.sign_in(username)
    path = f"/p/cambridgeshire/returns/{QUARTER}/{organisation}/"
    while time.time() < stop:
        started = time.perf_counter()
        status, page = browser.request("GET", path)
        tally.time("return form (GET)", time.perf_counter() - started)
        if status != 200:
            tally.errors.append(f"GET {path}: {status}")
            continue
        form = _fields(page)
        if form["version"] is None:  # submitted: no form for a partner lead any more
            time.sleep(0.2)
            continue
        submit = random.random() < 0.01
        figures = {}
        data = {"csrfmiddlewaretoken": _token(page), "version": form["version"]}
        data["action"] = "submit" if submit else "save"
        for name in form["names"]:
            if name.startswith(("court-cases", "police-da-individuals", "bbr", "ormiston")):
                data[f"{name}-missing"] = "not-yet-released"
                figures[name] = "not-yet-released"
                continue
            figure = str(random.randint(20, 60) if "rate" in name else random.randint(100, 130))
            data[f"{name}-figure"] = figure
            data[f"{name}-comment"] = f"load test by {username}"
            figures[name] = figure
        time.sleep(random.uniform(0, 0.05))  # a person's pause: lets two leads collide
        started = time.perf_counter()
        status, content = browser.request("POST", path, data)
        tally.time("return save (POST)", time.perf_counter() - started)
        with tally.lock:
            if status == 302:
                tally.accepted[organisation].append((int(form["version"]), figures))
            elif status == 200 and STALE in content:
                tally.refused += 1
            elif status == 200 and "There is a problem" in content:
                summary = re.search(r'id="error-summary".*?<ul>(.*?)</ul>', content, re.S)
                text = re.sub(r"<[^>]+>|\s+", " ", summary.group(1) if summary else "")
                tally.refused_wrongly.append(f"{username}: refused: {unescape(text).strip()}")
            else:
                tally.errors.append(f"POST {path}: {status}")


def board_member(username: str, tally: Tally, stop: float) -> None:
    browser = Browser()
    browser.sign_in(username)
    while time.time() < stop:
        started = time.perf_counter()
        status, _ = browser.request("GET", "/p/cambridgeshire/?quarter=2015-16-q3")
        tally.time("dashboard (GET)", time.perf_counter() - started)
        if status != 200:
            tally.errors.append(f"dashboard: {status}")


def prepare() -> None:
    import psycopg

    name = DATABASE.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
    leads = "\n".join(f"make('{org}-lead-{n}', '{org}')" for org in ORGANISATIONS for n in (1, 2))
    script = f"""
from django.contrib.auth import get_user_model
from strategy.models import Membership, Organisation
def make(username, organisation):
    user = get_user_model().objects.create_user(username, password={PASSWORD!r})
    Membership.objects.create(
        user=user, role="partner-lead",
        organisation=Organisation.objects.get(
            partnership__slug="cambridgeshire", slug=organisation))
{leads}
"""
    subprocess.run([*manage, "shell", "-c", script], cwd=ROOT, env=ENV, check=True)


def verify(tally: Tally) -> list[str]:
    """Every accepted save is there, in order, and the last one is what the database holds."""
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from indicators.models import Return, Value
    from indicators.periods import Period, parse_period

    problems = []
    for organisation, saves in tally.accepted.items():
        versions = sorted(version for version, _ in saves)
        if versions != list(range(len(versions))):
            problems.append(f"{organisation}: saves accepted from versions {versions}: lost update")
        the_return = Return.objects.get(
            organisation__partnership__slug="cambridgeshire",
            organisation__slug=organisation,
            period=parse_period(QUARTER),
        )
        if the_return.version != len(saves):
            problems.append(f"{organisation}: {len(saves)} saves, version {the_return.version}")
        _, last = max(saves, key=lambda save: save[0])
        quarter = the_return.period
        # annual lines carry the year; year-to-date lines (2015/16 refuge occupancy) Q1 to here
        periods = [quarter, quarter.financial_year, Period(quarter.year, quarter.quarter, True)]
        for name, expected in last.items():
            code, option = name.split(".")
            values = Value.objects.filter(
                indicator__partnership__slug="cambridgeshire",
                indicator__code=code,
                period__in=periods,
            )
            values = values.order_by("-period")  # the quarter's figure, else the year's
            if option == "whole":
                value = values.filter(option__isnull=True).first()
            else:
                value = values.filter(option__code=option).first()
            held = (value.missing_reason or format(value.value.normalize(), "f")) if value else None
            if held != expected:
                problems.append(f"{organisation} {name}: last accepted {expected}, database {held}")
    problems.extend(tally.refused_wrongly)
    return problems


def main() -> int:
    print(f"preparing {DATABASE} ...")
    prepare()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "4",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        time.sleep(3)
        tally = Tally()
        stop = time.time() + SECONDS
        threads = [
            threading.Thread(target=partner_lead, args=(f"{org}-lead-{n}", org, tally, stop))
            for org in ORGANISATIONS
            for n in (1, 2)
        ] + [
            threading.Thread(target=board_member, args=(user, tally, stop))
            for user in ("board", "officer")
        ]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    total = sum(len(v) for v in tally.latencies.values())
    print(f"{total} requests in {elapsed:.0f} s: {total / elapsed:.1f} requests per second")
    for page, times in sorted(tally.latencies.items()):
        ordered = sorted(times)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        print(
            f"  {page}: {len(times)} requests, median {statistics.median(ordered):.0f} ms, "
            f"95th percentile {p95:.0f} ms"
        )
    saves = sum(len(s) for s in tally.accepted.values())
    print(f"saves accepted: {saves}; refused as stale (someone else saved first): {tally.refused}")
    print(f"errors: {len(tally.errors)}" + (f" (first: {tally.errors[0]})" if tally.errors else ""))
    problems = verify(tally)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(
        "database check: "
        + ("every accepted save is there and no figure was lost" if not problems else "FAILED")
    )
    return 1 if problems or tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
