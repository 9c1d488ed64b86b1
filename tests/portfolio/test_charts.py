"""SVG pictures of the portfolio: pure functions, no database."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from fabrique.core.charts.svg import measure_text
from fabrique.core.charts.timeaxis import TimeScale, time_grid
from fabrique.portfolio.selectors import PortfolioFilters, portfolio, project_reviews
from fabrique.portfolio.views import charts
from fabrique.portfolio.vocabulary import MaturityAxis, PhaseName

from .factories import MaturityReviewFactory, PhaseFactory, ProjectFactory

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2025, 6, 15)
PHASES = [
    ("investigation", date(2022, 1, 10), date(2022, 3, 20)),
    ("construction", date(2022, 3, 21), date(2023, 6, 30)),
    ("acceleration", date(2023, 7, 1), date(2024, 9, 1)),
    ("consolidation", date(2024, 9, 2), None),
]
TRICKY = '<Projet & "Cie">'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def all_of(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(f"{SVG}{tag}"))


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if element.get("class") == name]


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in all_of(root, "text")]


def assert_accessible(root: ET.Element) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox")
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text.strip()
    assert desc.tag == f"{SVG}desc" and desc.text.strip()
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(colour), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def today_x(root: ET.Element) -> float:
    (marker,) = by_class(root, "today")
    return float(marker.find(f"{SVG}line").get("x1"))


def right_end(group: ET.Element) -> float:
    return max(float(rect.get("x")) + float(rect.get("width")) for rect in group.iter(f"{SVG}rect"))


# --- Project timeline ---------------------------------------------------------------------


def test_project_timeline_is_an_accessible_picture_with_one_bar_per_phase():
    root = parse(charts.project_timeline_svg(PHASES, TODAY))
    assert_accessible(root)
    bars = by_class(root, "phase")
    assert [bar.get("data-phase") for bar in bars] == [name for name, _, _ in PHASES]
    labels = texts(root)
    for label in ("Investigation", "Construction", "Accélération", "Consolidation"):
        assert label in labels
    assert {"2022", "2023", "2024", "2025"} <= set(labels)
    assert "aujourd'hui" in labels
    assert "Consolidation depuis le 02/09/2024, en cours" in root[1].text


def test_open_phase_reaches_today_with_a_hatched_end():
    root = parse(charts.project_timeline_svg(PHASES, TODAY))
    open_bar = by_class(root, "phase")[-1]
    assert right_end(open_bar) == pytest.approx(today_x(root), abs=0.1)
    assert any(rect.get("fill", "").startswith("url(#") for rect in open_bar.iter(f"{SVG}rect"))
    closed_bar = by_class(root, "phase")[0]
    assert right_end(closed_bar) < today_x(root)
    assert not any(
        rect.get("fill", "").startswith("url(#") for rect in closed_bar.iter(f"{SVG}rect")
    )


def test_open_phase_followed_by_another_ends_where_the_next_starts():
    phases = [
        ("investigation", date(2024, 1, 1), None),
        ("construction", date(2024, 3, 1), None),
    ]
    bars = charts.phase_bars(phases, TODAY)
    assert bars[0].drawn_end == date(2024, 3, 1) and not bars[0].ongoing
    assert bars[1].drawn_end == TODAY and bars[1].ongoing
    rows = charts.phase_rows(phases, TODAY)
    assert rows[0].implied_end == date(2024, 3, 1)
    assert rows[1].duration.endswith("à ce jour")


def test_phase_rows_give_durations_in_days_and_months():
    rows = charts.phase_rows(PHASES, TODAY)
    assert rows[1].duration == "466 jours (≈ 15,3 mois)"
    assert rows[1].typical == "12 mois"
    assert rows[0].typical == "6 à 9 semaines"
    assert rows[-1].end is None and rows[-1].ongoing
    commented = charts.phase_rows([(*PHASES[0], "Go à l'unanimité")], TODAY)
    assert commented[0].comment == "Go à l'unanimité"


def test_project_timeline_without_phase_says_so():
    root = parse(charts.project_timeline_svg([], TODAY))
    assert_accessible(root)
    assert "Aucune phase enregistrée." in texts(root)


def test_short_and_future_phases_are_drawn():
    phases = [("investigation", TODAY - timedelta(days=3), None)]
    root = parse(charts.project_timeline_svg(phases, TODAY))
    assert len(by_class(root, "phase")) == 1
    planned = [("construction", TODAY + timedelta(days=10), TODAY + timedelta(days=200))]
    root = parse(charts.project_timeline_svg(planned, TODAY))
    assert right_end(by_class(root, "phase")[0]) > today_x(root)


# --- Portfolio timeline -------------------------------------------------------------------


def portfolio_rows(count: int):
    rows = []
    for index in range(count):
        start = date(2019, 1, 1) + timedelta(days=index * 9)
        rows.append(
            (
                f"Projet {index}",
                f"/portefeuille/projets/projet-{index}/",
                [
                    ("investigation", start, start + timedelta(days=60)),
                    ("construction", start + timedelta(days=61), None),
                ],
            )
        )
    return rows


def test_portfolio_timeline_rows_links_legend_and_today():
    rows = [
        *portfolio_rows(3),
        ("Sans phase", "/portefeuille/projets/sans-phase/", []),
    ]
    root = parse(charts.portfolio_timeline_svg(rows, TODAY))
    assert_accessible(root)
    projects = by_class(root, "project")
    assert len(projects) == 4
    # No link inside the picture (unreachable inside role="img"): the table links each project.
    assert not all_of(root, "a")
    assert len(by_class(root, "phase")) == 6
    legend = texts(by_class(root, "legend")[0])
    assert {"Investigation", "Construction", "en cours", "aujourd'hui"} <= set(legend)
    assert "aucune phase" in texts(projects[-1])
    for project in projects[:3]:
        assert right_end(by_class(project, "phase")[-1]) == pytest.approx(today_x(root), abs=0.1)


def test_names_are_escaped_and_long_ones_cut_with_the_full_name_in_a_title():
    long_name = "Démarches simplifiées pour les communes rurales et leurs groupements"
    rows = [
        (TRICKY, "/p/cie/", PHASES),
        (long_name, "/p/long/", PHASES),
        ("Piège", "javascript:alert(1)", PHASES),
    ]
    svg = charts.portfolio_timeline_svg(rows, TODAY)
    assert "&lt;Projet &amp; &quot;Cie&quot;&gt;" in svg or '&lt;Projet &amp; "Cie"&gt;' in svg
    assert "<Projet" not in svg
    root = parse(svg)
    first, second, third = by_class(root, "project")
    assert "Piège" in texts(third)
    assert TRICKY in texts(first)
    (shown,) = [t for t in texts(second) if t.startswith("Démarches")]
    assert shown.endswith("…") and len(shown) < len(long_name)
    assert second.find(f"{SVG}g/{SVG}title").text == long_name
    assert "javascript" not in svg


def test_many_projects_render_and_max_rows_sends_to_the_table():
    rows = portfolio_rows(200)
    root = parse(charts.portfolio_timeline_svg(rows, TODAY))
    assert len(by_class(root, "project")) == 200
    capped = parse(charts.portfolio_timeline_svg(rows, TODAY, max_rows=50))
    assert len(by_class(capped, "project")) == 50
    assert "… et 150 autres projets, listés dans le tableau." in texts(capped)
    assert "200 projets, dont 50 représentés" in capped[1].text


def test_portfolio_rows_give_the_current_phase():
    rows = charts.portfolio_rows([(TRICKY, "/p/cie/", PHASES), ("Vide", "/p/vide/", [])])
    assert rows[0].phase_label == "Consolidation" and rows[0].since == date(2024, 9, 2)
    assert rows[1].phase_label == "" and rows[1].since is None


# --- Maturity -----------------------------------------------------------------------------


def scores(**values):
    return {axis: values.get(axis, 1) for axis in MaturityAxis.values}


def centre_y(point: ET.Element) -> float:
    shape = next(child for child in point if child.tag != f"{SVG}title")
    if shape.tag == f"{SVG}circle":
        return float(shape.get("cy"))
    if shape.tag == f"{SVG}rect":
        return float(shape.get("y")) + float(shape.get("height")) / 2
    ys = [float(pair.split(",")[1]) for pair in shape.get("points").split()]
    return (max(ys) + min(ys)) / 2


def test_maturity_chart_maps_scores_to_heights():
    reviews = [
        (date(2023, 1, 1) + timedelta(days=120 * index), scores(impact=index)) for index in range(4)
    ]
    root = parse(charts.maturity_chart_svg(reviews))
    assert_accessible(root)
    impact = [p for p in by_class(root, "point") if p.get("data-axis") == "impact"]
    assert [p.get("data-score") for p in impact] == ["0", "1", "2", "3"]
    ys = [centre_y(p) for p in impact]
    steps = [before - after for before, after in pairwise(ys)]
    assert all(step > 0 for step in steps)  # higher score, higher on the picture
    assert max(steps) - min(steps) < 0.3  # and linearly
    zero_line = next(t for t in all_of(root, "text") if t.text == "0")
    assert ys[0] == pytest.approx(float(zero_line.get("y")) - 4, abs=6)
    assert len(by_class(root, "series")) == 5
    labels = texts(root)
    assert {"01/01/2023", "0", "1", "2", "3", "Impact : 3"} <= set(labels)
    assert all(f"{axis.label} : 1" in labels for axis in list(MaturityAxis)[1:])


@pytest.mark.parametrize("score", [0, 1, 3])
def test_maturity_end_labels_never_overlap_when_axes_end_on_the_same_score(score):
    """Issue 12, « maturity labels overlap »: five axes ending on the same score put their five
    labels on one line; each label now keeps a line of its own."""
    reviews = [
        (date(2024, 1, 1), scores(**dict.fromkeys(("impact", "deployment", "design"), score))),
        (date(2024, 6, 1), scores(**{axis.value: score for axis in MaturityAxis})),
    ]
    root = parse(charts.maturity_chart_svg(reviews))
    label_ys = sorted(
        float(text.get("y"))
        for group in by_class(root, "end-label")
        for text in group.iter(f"{SVG}text")
    )
    assert len(label_ys) == len(MaturityAxis)
    assert all(after - before >= 12 for before, after in pairwise(label_ys)), label_ys


def test_maturity_chart_with_a_single_review_draws_points():
    root = parse(charts.maturity_chart_svg([(date(2024, 5, 2), scores(design=3))]))
    assert_accessible(root)
    assert len(by_class(root, "point")) == 5
    assert not [s for s in by_class(root, "series") if s.find(f"{SVG}path") is not None]
    assert "02/05/2024" in texts(root)
    assert "une seule revue" in root[1].text


def test_maturity_chart_without_review_says_so():
    assert "Aucune revue de maturité." in texts(parse(charts.maturity_chart_svg([])))


def test_maturity_bars_draw_not_evaluated_as_an_empty_outline():
    values = {"impact": 3, "deployment": 0, "design": None, "open_source": 2, "open_data": 1}
    root = parse(charts.maturity_bars_svg(values))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title").text
    assert title == root.get("aria-label")
    assert title == (
        "Maturité : Impact 3 sur 3, Déploiement 0 sur 3, Design non évalué, "
        "Open source 2 sur 3, Open data 1 sur 3"
    )
    assert root.find(f"{SVG}desc").text
    (outline,) = by_class(root, "not-evaluated")
    assert outline.get("data-axis") == "design"
    assert outline.get("fill") == "#ffffff" and outline.get("stroke")
    heights = {bar.get("data-axis"): float(bar.get("height")) for bar in by_class(root, "score")}
    assert heights["impact"] == pytest.approx(3 * heights["open_data"], abs=0.2)
    assert 0 < heights["deployment"] < heights["open_data"]  # 0 is a stub, not an outline


def test_maturity_bars_without_any_review():
    root = parse(charts.maturity_bars_svg(dict.fromkeys(MaturityAxis.values)))
    assert root.get("aria-label") == "Maturité non évaluée"
    assert len(by_class(root, "not-evaluated")) == 5
    assert parse(charts.maturity_bars_svg(None)).get("aria-label") == "Maturité non évaluée"


# --- Everything ---------------------------------------------------------------------------


def test_output_is_deterministic_and_ids_differ_between_pictures():
    reviews = [(date(2024, 1, 1), scores()), (date(2024, 6, 1), scores(impact=2))]
    for build in (
        lambda: charts.project_timeline_svg(PHASES, TODAY),
        lambda: charts.portfolio_timeline_svg(portfolio_rows(5), TODAY),
        lambda: charts.maturity_chart_svg(reviews),
        lambda: charts.maturity_bars_svg(scores()),
    ):
        assert build() == build()
    first = parse(charts.project_timeline_svg(PHASES, TODAY)).get("aria-labelledby")
    other = parse(charts.project_timeline_svg(PHASES[:2], TODAY)).get("aria-labelledby")
    assert first != other
    pinned = charts.project_timeline_svg(PHASES, TODAY, id_prefix="frise-1")
    assert parse(pinned).get("aria-labelledby") == "frise-1-title"


def test_every_id_is_unique_within_a_picture():
    svg = charts.portfolio_timeline_svg(portfolio_rows(20), TODAY)
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids))


def test_colours_are_distinct_and_readable():
    assert set(charts.PHASE_COLOURS) == set(PhaseName)
    assert len(set(charts.PHASE_COLOURS.values())) == len(PhaseName)
    for colour in charts.PHASE_COLOURS.values():
        assert contrast(colour) >= 4.5  # white text in the bars
    assert len(set(charts.AXIS_COLOURS.values())) == len(MaturityAxis)
    assert len(set(charts.AXIS_MARKERS.values())) == len(MaturityAxis)
    for colour in charts.AXIS_COLOURS.values():
        assert contrast(colour) >= 4.5  # line labels written in the colour


# --- Template tags ------------------------------------------------------------------------


def render(source: str, **context) -> str:
    return Template("{% load portfolio_charts %}" + source).render(Context(context))


def test_tags_render_the_picture_and_its_table():
    project = SimpleNamespace(pk=7, name=TRICKY, get_absolute_url=lambda: "/p/cie/")
    html = render(
        "{% portfolio_timeline rows phases %}",
        rows=[SimpleNamespace(project=project)],
        phases={7: PHASES},
    )
    assert html.count('role="img"') == 1
    assert "<caption>Phase actuelle des projets</caption>" in html
    assert '<a href="/p/cie/">&lt;Projet &amp; &quot;Cie&quot;&gt;</a>' in html

    html = render("{% project_timeline phases %}", phases=PHASES)
    assert "<caption>Phases du projet</caption>" in html and 'role="img"' in html

    review = SimpleNamespace(date=date(2024, 1, 1), comment="Bien <b>parti</b>", **scores())
    html = render("{% maturity_chart reviews %}", reviews=[review])
    assert "<caption>Revues de maturité (notes de 0 à 3)</caption>" in html
    assert "Bien &lt;b&gt;parti&lt;/b&gt;" in html

    html = render("{% maturity_bars maturity %}", maturity=scores(design=None))
    assert html.startswith("<svg") and "Design non évalué" in html


def test_tags_without_data_say_so():
    assert "Aucune phase enregistrée." in render("{% project_timeline phases %}", phases=[])
    assert "Aucun projet." in render("{% portfolio_timeline rows %}", rows=[])
    assert "Aucune revue de maturité." in render("{% maturity_chart reviews %}", reviews=[])


def test_tags_on_real_projects(db):
    project = ProjectFactory(name=TRICKY)
    for name, start, end in PHASES:
        PhaseFactory(project=project, name=name, start=start, end=end, comment=f"<{name}>")
    MaturityReviewFactory(project=project, date=date(2024, 1, 1), impact=0)
    MaturityReviewFactory(project=project, date=date(2025, 1, 1), impact=3, comment="Cap franchi")
    rows = portfolio(PortfolioFilters())
    html = render(
        "{% project_timeline project.phases.all %}{% portfolio_timeline rows %}"
        "{% maturity_chart reviews %}{% for row in rows %}{% maturity_bars row.maturity %}"
        "{% endfor %}",
        project=project,
        rows=rows,
        reviews=project_reviews(project),
    )
    pictures = re.findall(r"<svg.*?</svg>", html, flags=re.DOTALL)
    assert len(pictures) == 4
    for picture in pictures:
        assert parse(picture).get("role") == "img"
    assert len(by_class(parse(pictures[0]), "phase")) == 4
    assert f'<a href="{project.get_absolute_url()}">' in html
    assert "Cap franchi" in html
    assert '<th scope="col">Commentaire</th>' in html and "&lt;construction&gt;" in html
    assert "Impact 3 sur 3" in pictures[3]


def test_axis_labels_never_touch_each_other():
    """Issue 12: « sept. 2026oct. » — the first label (with its year) ran into the next one."""
    for width in range(300, 1400, 25):
        scale = TimeScale(date(2025, 9, 1), date(2026, 9, 1), 0.0, float(width))
        svg = time_grid(scale, 0, 10, [20])
        labels = re.findall(r'<text x="([\d.]+)"[^>]*>([^<]+)</text>', svg)
        ends = [(float(x), float(x) + measure_text(text, 11)) for x, text in labels]
        for (_, end), (start, _) in pairwise(ends):
            assert start >= end + 1, (width, labels)


@pytest.mark.django_db
def test_portfolio_timeline_tag_draws_again_after_a_change():
    """The tag keeps the picture of a list it has drawn, until a name or a phase changes."""
    project = ProjectFactory(name="Cantine locale")
    PhaseFactory(project=project, name=PhaseName.INVESTIGATION, start=date(2025, 1, 6))
    tag = Template("{% load portfolio_charts %}{% portfolio_timeline rows %}")

    def draw():
        return tag.render(Context({"rows": [type(project).objects.get(pk=project.pk)]}))

    first = draw()
    assert first == draw()
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 4, 1))
    second = draw()
    assert second != first and "Construction" in second and "Construction" not in first
    project.name = "Cantine du village"
    project.save()
    assert "Cantine du village" in draw()
