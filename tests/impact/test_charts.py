"""The SVG time series of an indicator: accessible, escaped, deterministic, light enough."""

import re
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from fabrique.impact import rules
from fabrique.impact.views import charts
from fabrique.impact.vocabulary import Frequency, Unit

NS = {"svg": "http://www.w3.org/2000/svg"}


def months(count, start=date(2024, 1, 1)):
    return [rules.shift_period(start, Frequency.MONTHLY, index) for index in range(count)]


def parse(svg: str):
    return ElementTree.fromstring(svg)  # noqa: S314 (our own output)


def draw(points, **kwargs):
    options = {"name": "Usagers actifs", "unit": Unit.NUMBER, "frequency": Frequency.MONTHLY}
    return charts.timeseries_svg(points, **(options | kwargs))


def test_accessible_image_with_title_and_description():
    points = [(day, Decimal(100 + index * 10)) for index, day in enumerate(months(12))]
    svg = draw(
        points, baseline=(date(2024, 1, 1), Decimal(100)), target=(date(2025, 6, 30), Decimal(400))
    )
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
    title = root.find(f"svg:title[@id='{title_id}']", NS).text
    desc = root.find(f"svg:desc[@id='{desc_id}']", NS).text
    assert title == "Évolution de l'indicateur « Usagers actifs »"
    assert "12 valeurs, de janvier 2024 à décembre 2024" in desc
    assert "Dernière valeur : 210 (décembre 2024)" in desc
    assert "Référence : 100 le 01/01/2024" in desc and "Cible : 400 au 30/06/2025" in desc
    assert "tableau" in desc
    assert root.find(".//svg:g[@class='target']", NS) is not None
    assert root.find(".//svg:g[@class='baseline']", NS) is not None
    assert root.find(".//svg:line[@class='path']", NS) is not None  # expected trajectory
    assert len(root.findall(".//svg:g[@class='point']", NS)) == 12
    legend = "".join(root.find(".//svg:g[@class='legend']", NS).itertext())
    assert "valeurs mesurées" in legend and "cible et échéance" in legend


def test_same_input_same_output_and_texts_escaped():
    points = [(date(2025, 1, 1), 3), (date(2025, 2, 1), 5)]
    name = 'Taux <script>alert("x")</script> & co'
    svg = draw(points, name=name)
    assert svg == draw(points, name=name)
    assert "<script>" not in svg
    parse(svg)  # well-formed


def test_many_points_draw_a_line_without_a_marker_each():
    points = [(day, index % 17) for index, day in enumerate(months(500, date(1990, 1, 1)))]
    svg = draw(points)
    root = parse(svg)
    assert len(root.findall(".//svg:g[@class='point']", NS)) == 1
    assert len(svg) < 60_000


def test_percentages_stay_within_0_and_100():
    svg = draw([(date(2025, 1, 1), 40), (date(2025, 2, 1), 95)], unit=Unit.PERCENT)
    assert ">100\u00a0%<" in svg and ">0\u00a0%<" in svg


def test_empty_series():
    svg = draw([])
    assert "Aucune valeur enregistrée." in svg
    assert parse(svg).get("role") == "img"


def test_nice_ticks():
    assert charts.nice_ticks(0, 95) == [0, 20, 40, 60, 80, 100]
    assert charts.nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert charts.nice_ticks(-30, 40)[0] <= -30


def test_a_single_value_is_visible_away_from_the_axis_with_its_value_written():
    """Issue 12: a series of one point looked empty (a 3.6 px dot on the axis)."""
    svg = charts.timeseries_svg(
        [(date(2026, 9, 1), 42)], name="Usagers", unit=Unit.NUMBER, frequency=Frequency.MONTHLY
    )
    dots = re.findall(r'<circle cx="([\d.]+)"[^>]*r="3.6"', svg)
    assert len(dots) == 1 and float(dots[0]) > 150  # not on the left edge (78 px)
    assert re.search(r'<circle[^>]*r="7"[^>]*fill="none"', svg)
    assert ">42</text>" in svg
