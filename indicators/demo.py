"""Loads the demo partnerships, users and figures transcribed from the papers in `fixtures/`.

Every write is an update-or-create on the natural key (a slug or code), so loading twice
leaves the same rows.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from indicators import services, tidy
from indicators.models import (
    BreakdownOption,
    ExpectedLevel,
    FrequencyChange,
    Indicator,
    IndicatorDefinition,
    Target,
)
from strategy.models import (
    Action,
    Membership,
    Narrative,
    Objective,
    Organisation,
    Partnership,
    RagUpdate,
    Standard,
    StandardSection,
    Strategy,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PARTNERSHIP_FILES = ("cambridgeshire.json", "cambs-peterborough.json", "cheshire-east.json")


@dataclass
class DemoReport:
    password: str
    users: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


@transaction.atomic
def demo_load(*, fixtures: Path = FIXTURES, password: str | None = None) -> DemoReport:
    """Loads every partnership file, then the users, then the figures, in that order."""
    documents = [json.loads((fixtures / name).read_text()) for name in PARTNERSHIP_FILES]
    for document in documents:
        _load_partnership(document)
    for document in documents:
        _link_partnership(document)
    report = DemoReport(password=password or secrets.token_urlsafe(12))
    report.users = _load_users(json.loads((fixtures / "users.json").read_text()), report.password)
    report.values = _load_values(sorted((fixtures / "values").glob("*.csv")))
    for path in sorted(fixtures.glob("*-standards.json")):
        _load_standards(json.loads(path.read_text()))
    return report


def _load_partnership(document: dict) -> None:
    partnership = _upsert(
        Partnership,
        {"slug": document["slug"]},
        {
            "name": document["name"],
            "area": document["area"],
            "shares_benchmarks": bool(document.get("shares_benchmarks")),
            **_rag_definitions(document),
        },
    )
    organisations = {}
    for item in document["organisations"]:
        organisations[item["slug"]], _ = Organisation.objects.update_or_create(
            partnership=partnership,
            slug=item["slug"],
            defaults={"name": item["name"], "type": item["type"]},
        )
    objectives = {}
    for item in document["strategies"]:
        strategy, _ = Strategy.objects.update_or_create(
            partnership=partnership,
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "start_year": item["start_year"],
                "end_year": item["end_year"],
                "vision": item.get("vision", ""),
            },
        )
        for order, objective in enumerate(item["objectives"]):
            objectives[(strategy.slug, objective["code"])] = _load_objective(
                strategy, objective, order, organisations, item.get("rag_period")
            )
    indicators = {
        item["code"]: _load_indicator(partnership, item, order, organisations, objectives)
        for order, item in enumerate(document["indicators"])
    }
    # A percentage's counts, or a calculated indicator's parts, may come later in the file:
    # linked once all are loaded, with the multiplier that makes it calculated.
    for item in document["indicators"]:
        _upsert(
            Indicator,
            {"pk": indicators[item["code"]].pk},
            {
                f"{part}_id": indicators[item[part]].pk if item.get(part) else None
                for part in ("numerator", "denominator")
            }
            | {"multiplier": item.get("multiplier")},
        )


def _rag_definitions(document: dict) -> dict:
    """The paper's own RAG definitions where it gives them, else the product's defaults, so a
    page that says "default definitions" shows the defaults and nothing made up."""
    own = bool(document.get("rag_definitions_own"))
    words = document.get("rag_definitions") or {}
    if own != bool(words):
        raise ValueError(f"{document['slug']}: rag_definitions go with rag_definitions_own true.")
    return {"rag_definitions_own": own} | {
        f"rag_{colour}": words.get(colour) or Partnership._meta.get_field(f"rag_{colour}").default
        for colour in ("green", "amber", "red")
    }


def _load_objective(
    strategy, item: dict, order: int, organisations: dict, rag_period: str | None
) -> Objective:
    objective, _ = Objective.objects.update_or_create(
        strategy=strategy,
        code=item["code"],
        defaults={
            "theme": item["theme"],
            "statement": item["statement"],
            "success_measures": "\n".join(item.get("success_measures", [])),
            "order": order,
        },
    )
    for position, action in enumerate(item.get("actions", [])):
        lead = action.get("lead_organisation")
        found = _upsert(
            Action,
            {"objective": objective, "order": position},
            {
                "area_for_development": action["area_for_development"],
                "description": action.get("action", ""),
                "lead_organisation": organisations[lead] if lead else None,
                "lead_officer": action.get("lead_officer", ""),
                "task_group": action.get("task_group", ""),
                "milestones": action.get("milestones", ""),
                "target_date": action.get("target_date"),
                "performance_measure": action.get("performance_measure", ""),
                "outcome": action.get("outcome", ""),
                "status": action.get("status", Action.Status.OPEN),
            },
        )
        _load_rag_update(found, action, rag_period)
    for narrative in item.get("narratives", []):
        _upsert(
            Narrative,
            {"objective": objective, "period": narrative["period"]},
            {"text": narrative["text"], "state": narrative["state"]},
        )
    return objective


def _load_rag_update(action: Action, item: dict, period: str | None) -> None:
    """The paper's rating, progress and risks of an action, as the RAG update of the quarter
    the paper reports on (the strategy's `rag_period`)."""
    said = item.get("progress") or item.get("risks_and_issues")
    if not item.get("rag"):
        if said:
            raise ValueError(f"{action}: progress or risks need a rag: a RAG update is rated.")
        return
    if not period:
        raise ValueError(f"{action}: a rated action needs its strategy's rag_period.")
    _upsert(
        RagUpdate,
        {"action": action, "period": period},
        {
            "rag": item["rag"],
            "progress": item.get("progress", ""),
            "risks_and_issues": item.get("risks_and_issues", ""),
        },
    )


def _upsert(model, lookup: dict, values: dict):
    """Like update_or_create, but an unchanged row is not saved again: its history stays
    quiet when the demo loads a second time."""
    found = model.objects.filter(**lookup).first()
    if found is None:
        return model.objects.create(**lookup, **values)
    changed = {
        name: value
        for name, value in values.items()
        if _comparable(getattr(found, name)) != _comparable(value)
    }
    if changed:
        for name, value in changed.items():
            setattr(found, name, value)
        found.save()
    return found


def _comparable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _load_indicator(partnership, item: dict, order: int, organisations, objectives) -> Indicator:
    breakdown = item.get("breakdown") or {}
    indicator, _ = Indicator.objects.update_or_create(
        partnership=partnership,
        code=item["code"],
        defaults={
            "title": item["title"],
            "definition": item.get("definition", ""),
            "noun": item.get("noun", ""),
            "unit": item["unit"],
            "frequency": item["frequency"],
            "year_rule": item["year_rule"],
            "direction": item["direction"],
            "reporting_organisation": organisations[item["reporting_organisation"]],
            "breakdown_label": breakdown.get("label", ""),
            "benchmark_code": item.get("benchmark_code", ""),
            "order": order,
        },
    )
    for position, option in enumerate(breakdown.get("options", [])):
        BreakdownOption.objects.update_or_create(
            indicator=indicator,
            code=option["code"],
            defaults={"label": option["label"], "order": position},
        )
    indicator.objectives.set(
        objectives[(measure["strategy"], measure["objective"])] for measure in item["measures"]
    )
    for target in item.get("targets", []):
        Target.objects.update_or_create(
            indicator=indicator,
            year=tidy.parse_period_text(target["year"]),
            defaults={"value": target["value"], "tolerance": target.get("tolerance", 0)},
        )
    for definition in item.get("definitions", []):
        IndicatorDefinition.objects.update_or_create(
            indicator=indicator,
            applies_from=tidy.parse_period_text(definition["from"]),
            defaults={"text": definition["text"]},
        )
    for level in item.get("expected_levels", []):
        _upsert(
            ExpectedLevel,
            {"indicator": indicator, "applies_from": tidy.parse_period_text(level["from"])},
            {
                "value": Decimal(str(level["value"])),
                "source": level["source"],
                "compares": level.get("compares", ExpectedLevel.Compares.YEAR),
            },
        )
    changes = {
        tidy.parse_period_text(change["from"]): change["frequency"]
        for change in item.get("frequency_changes", [])
    }
    for applies_from, frequency in changes.items():
        FrequencyChange.objects.update_or_create(
            indicator=indicator, applies_from=applies_from, defaults={"frequency": frequency}
        )
    # A change taken out of the file goes: left behind, it would refuse the papers' figures.
    for stale in indicator.frequency_changes.all():
        if stale.applies_from not in changes:
            stale.delete()
    return indicator


def _load_standards(document: dict) -> None:
    """A partnership's practice standards, in sections (paper 004, Appendix 6)."""
    partnership = Partnership.objects.get(slug=document["partnership"])
    for order, item in enumerate(document["sections"]):
        section, _ = StandardSection.objects.update_or_create(
            partnership=partnership,
            code=item["code"],
            defaults={"title": item["title"], "order": order},
        )
        for position, standard in enumerate(item["standards"]):
            Standard.objects.update_or_create(
                section=section,
                code=standard["code"],
                defaults={"text": standard["text"], "order": position},
            )


def _link_partnership(document: dict) -> None:
    """Predecessors, successors and carried-forward actions, once every partnership and
    strategy exists."""
    partnership = Partnership.objects.get(slug=document["slug"])
    if document.get("predecessor"):
        predecessor = Partnership.objects.get(slug=document["predecessor"])
        if partnership.predecessor_id != predecessor.pk:  # its history stays quiet otherwise
            partnership.predecessor = predecessor
            partnership.save(update_fields=["predecessor"])
    for item in document["strategies"]:
        successor = item.get("successor")
        if successor:
            Strategy.objects.filter(partnership=partnership, slug=item["slug"]).update(
                successor=Strategy.objects.get(
                    partnership__slug=successor["partnership"], slug=successor["strategy"]
                )
            )
        for objective in item["objectives"]:
            for order, action in enumerate(objective.get("actions", [])):
                if action.get("carried_forward_to"):
                    _carry_forward(
                        _action(partnership.slug, item["slug"], objective["code"], order),
                        action["carried_forward_to"],
                    )


def _action(partnership: str, strategy: str, objective: str, order: int) -> Action:
    return Action.objects.get(
        objective__strategy__partnership__slug=partnership,
        objective__strategy__slug=strategy,
        objective__code=objective,
        order=order,
    )


def _carry_forward(action: Action, to: dict) -> None:
    """Links an action the paper carries forward to the one that continues it."""
    successor = _action(to["partnership"], to["strategy"], to["objective"], to["order"])
    _upsert(
        Action,
        {"pk": action.pk},
        {"status": Action.Status.CARRIED_FORWARD, "carried_forward_to": successor},
    )


def _load_users(people: Iterable[dict], password: str) -> list[str]:
    User = get_user_model()
    loaded = []
    for person in people:
        first, _, last = person["name"].partition(" ")
        user, _ = User.objects.update_or_create(
            username=person["username"],
            defaults={"first_name": first, "last_name": last, "email": person["email"]},
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        for membership in person["memberships"]:
            organisation = Organisation.objects.get(
                partnership__slug=membership["partnership"], slug=membership["organisation"]
            )
            Membership.objects.get_or_create(
                user=user, organisation=organisation, role=membership["role"]
            )
        loaded.append(user.username)
    return loaded


def _load_values(paths: list[Path]) -> list[str]:
    """Each paper in turn; a figure a later paper revises is loaded only where none exists yet.

    So the first load keeps the earlier paper's figure in the value's history, and a second
    load changes nothing.
    """
    files = [(path, tidy.read_rows(path)) for path in paths]
    lines = []
    for index, (path, rows) in enumerate(files):
        later = {_key(row) for _, other in files[index + 1 :] for row in other}
        revised = [row for row in rows if _key(row) in later]
        final = [row for row in rows if _key(row) not in later]
        reason = f"Demo data: {path.stem}"
        summary = services.values_import(rows=final, reason=reason)
        if revised:
            kept = services.values_import(rows=revised, reason=reason, keep_existing=True)
            summary.created += kept.created
            summary.skipped += kept.skipped
        lines.append(f"{path.name}: {summary}")
    return lines


def _key(row: tidy.TidyRow) -> tuple[str, ...]:
    return (row.partnership, row.indicator, str(tidy.parse_period_text(row.period)), row.breakdown)
