"""The scorecard the dashboard opens on: one real table for the quarter, an objective per group
of rows, sorted on the server by signal or RAG."""

from dataclasses import dataclass, field
from decimal import Decimal as D
from html.parser import HTMLParser

import pytest

from dashboard.scorecard import sparkline
from indicators.models import Indicator, Target
from indicators.periods import Period

DASHBOARD = "/p/cambridgeshire/?quarter=2015-16-q3"


@dataclass
class Node:
    """An element of the page as a browser reads it: its name, attributes and children (text
    kept as written, unlike django.test.html, which strips the spaces between elements)."""

    name: str
    attributes: dict[str, str | None]
    children: list = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    VOID = {"br", "img", "input", "meta", "link", "hr", "circle", "polyline"}

    def __init__(self):
        super().__init__()
        self.root = Node("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.open[-1].children.append(node)
        if tag not in self.VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        while len(self.open) > 1 and self.open.pop().name != tag:
            pass

    def handle_data(self, data):
        self.open[-1].children.append(data)


def scorecard(client, query: str = "") -> Node:
    page = client.get(DASHBOARD + query).content.decode()
    start = page.index('<table class="scorecard"')
    builder = _TreeBuilder()
    builder.feed(page[start : page.index("</table>", start) + len("</table>")])
    return builder.root


def each(node: Node, name: str, **attributes) -> list[Node]:
    """Every element named `name` below `node` with these attributes, in order."""
    found = []
    for child in node.children:
        if isinstance(child, str):
            continue
        if child.name == name and all(
            child.attributes.get(key.replace("_", "-")) == value
            for key, value in attributes.items()
        ):
            found.append(child)
        found += each(child, name, **attributes)
    return found


def text(node) -> str:
    """The text a reader hears, spaces collapsed."""
    return " ".join(_raw(node).split())


def _raw(node) -> str:
    return node if isinstance(node, str) else "".join(_raw(child) for child in node.children)


def attribute(node: Node, name: str) -> str | None:
    return node.attributes.get(name)


def test_one_table_with_a_caption_and_a_group_of_rows_per_objective(client, board_member):
    client.force_login(board_member)
    table = scorecard(client)
    assert text(each(table, "caption")[0]).startswith("Scorecard: 2015/16 Q3")
    headers = [text(th) for th in each(each(table, "thead")[0], "th")]
    assert headers == [
        "Indicator",
        "Period",
        "Figure",
        "Same period last year",
        "Change",
        "Judgement",
        "RAG against target: sort red first",
        "Variation: sort concerning first",
        "Assurance",
        "Trend: the same period each year",
    ]
    groups = each(table, "tbody")
    assert [text(each(g, "th", scope="rowgroup")[0]) for g in groups] == [
        "Prevent",
        "Protect",
        "Pursue",
        "Recover",
    ]
    rows = each(table, "th", scope="row")
    assert len(rows) == 27  # every indicator and every option of a breakdown
    links = [attribute(each(row, "a")[0], "href") for row in rows]
    assert links[0] == "#police-da-incidents-whole"
    assert "#refuge-occupancy-rate-hunts" in links


def test_a_row_says_the_figure_last_year_the_change_and_the_signals(client, board_member):
    client.force_login(board_member)
    table = scorecard(client)
    incidents = next(
        tr for tr in each(table, "tr") if "reported to the Police" in text(each(tr, "th")[0])
    )
    cells = [text(td) for td in each(incidents, "td")]
    assert cells[:8] == [
        "2015/16 Q3",
        "1,859",
        "1,758",
        "▲ up 5.7%",
        "better",
        "no target",
        "common cause",
        "no target",
    ]
    trend = each(incidents, "svg", role="img")[0]
    assert (
        attribute(trend, "aria-label") == "2013/14 Q3: 1,818; 2014/15 Q3: 1,758; 2015/16 Q3: 1,859"
    )


def test_a_row_without_a_figure_says_no_figure_yet_as_its_sentence_does(client, board_member):
    client.force_login(board_member)
    referrals = next(
        tr
        for tr in each(scorecard(client), "tr")
        if each(tr, "th") and text(each(tr, "th")[0]).startswith("Victims referred to MARAC")
    )
    assert [text(td) for td in each(referrals, "td")][:3] == ["2015/16 Q3", "No figure yet", "144"]
    assert "Q3 2015/16: no figure yet." in client.get(DASHBOARD).content.decode()


def test_sorted_by_rag_red_comes_first_within_its_objective(client, board_member, cambridgeshire):
    protect = {
        "idva-engagement-rate": (80, 2),  # 72%: red
        "idva-repeat-rate": (30, 5),  # 32%: green
    }
    for code, (value, tolerance) in protect.items():
        indicator = Indicator.objects.get(partnership=cambridgeshire, code=code)
        Target.objects.create(
            indicator=indicator, year=Period(2015), value=value, tolerance=tolerance
        )
    client.force_login(board_member)
    plain = scorecard(client)
    first = [text(each(tr, "a")[0]) for tr in each(each(plain, "tbody")[1], "tr")[1:3]]
    assert first == [
        "% of referrals into the IDVA service that engage with the service",
        "% of IDVA clients that are 'repeat' clients",
    ]
    table = scorecard(client, "&sort=rag")
    rows = each(each(table, "tbody")[1], "tr")[1:]
    ratings = [text(each(tr, "td")[5]) for tr in rows]
    assert ratings[:3] == ["Red", "Green", "no target"]
    sorted_header = each(table, "th", aria_sort="descending")
    assert [text(th) for th in sorted_header] == ["RAG against target: sort red first"]
    assert "sorted by RAG against target within each objective" in text(each(table, "caption")[0])
    # The sort links keep the quarter of the view.
    assert attribute(each(sorted_header[0], "a")[0], "href") == "?quarter=2015-16-q3&sort=rag"


def test_sorted_by_signal_a_concern_comes_first(client, board_member, step_change):
    step_change.direction = "down"
    step_change.save()
    client.force_login(board_member)
    table = scorecard(client, "&sort=signal")
    prevent = each(each(table, "tbody")[0], "tr")
    assert text(each(prevent[1], "a")[0]) == "Made-up referrals with a step change"
    assert text(each(prevent[1], "td")[6]) == "special cause - concerning"
    assert [text(th) for th in each(table, "th", aria_sort="descending")] == [
        "Variation: sort concerning first"
    ]


def test_an_unknown_order_is_the_strategys(client, board_member):
    client.force_login(board_member)
    table = scorecard(client, "&sort=nonsense")
    assert each(table, "th", aria_sort="descending") == []
    assert text(each(table, "th", scope="row")[0]).startswith("Total number of domestic abuse")


def test_the_page_has_no_style_attribute_or_inline_script(client, board_member):
    client.force_login(board_member)
    page = client.get(DASHBOARD).content.decode()
    assert " style=" not in page
    assert page.count("<script") == page.count("<script src=") + 1  # and the chart data


def test_each_panel_is_collapsed_to_its_title_and_sentence_with_its_table_beside(
    client, board_member
):
    client.force_login(board_member)
    page = client.get(DASHBOARD).content.decode()
    start = page.index('<article class="panel" id="police-da-incidents-whole"')
    panel = page[start : page.index("</article>", start)]
    summary = panel[panel.index("<summary>") : panel.index("</summary>")]
    assert "Total number of domestic abuse incidents reported to the Police</h3>" in summary
    assert "Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758)." in summary
    # The chart inside the details, drawn when opened; the table after it, always shown.
    assert panel.index('data-chart="police-da-incidents-whole"') < panel.index("</details>")
    assert panel.index("</details>") < panel.index('<table class="comparison"')


@pytest.mark.parametrize(
    ("points", "drawn"),
    [
        ([D(1), D(2), D(3)], ['<polyline class="spark-line"', '<circle class="spark-latest"']),
        ([D(1), None, D(3)], ['<circle class="spark-point"', '<circle class="spark-latest"']),
        ([None, None], []),
    ],
)
def test_a_sparkline_is_drawn_by_classes_and_named_by_its_figures(points, drawn):
    periods = [Period(2013 + place, 3) for place in range(len(points))]
    svg = str(sparkline(list(zip(periods, points, strict=True)), "percentage"))
    assert all(part in svg for part in drawn)
    assert "style" not in svg
    if drawn:
        label = "; ".join(
            f"{period}: {'No figure yet' if point is None else f'{point}%'}"
            for period, point in zip(periods, points, strict=True)
        )
        assert f'aria-label="{label}"' in svg
    else:
        assert svg == ""
