"""Charts are SVG drawn on the server: titled, described, escaped, to scale."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from interfaces.web.charts import HEIGHT, Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _chart(**changes: object) -> str:
    values: dict[str, object] = {
        "chart_id": "months",
        "title": "按月转移与上岗",
        "description": "2026 年每月有组织转移人次与上岗人数",
        "labels": ["1月", "2月", "3月"],
        "series": [Series("转移", [0, 5, 10]), Series("上岗", [2, 0, 7])],
        **changes,
    }
    return str(bar_chart(**values))  # type: ignore[arg-type]


def test_a_chart_is_well_formed_svg_with_its_title_and_description() -> None:
    root = ET.fromstring(_chart())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "months-title months-desc"
    assert root.find(f"{SVG}title").text == "按月转移与上岗"  # type: ignore[union-attr]
    assert "2026" in root.find(f"{SVG}desc").text  # type: ignore[union-attr]


def test_every_bar_says_its_value_and_is_to_scale() -> None:
    root = ET.fromstring(_chart())
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 6
    said = [r.find(f"{SVG}title").text for r in bars]  # type: ignore[union-attr]
    assert "3月 · 转移: 10" in said
    heights = {t: float(r.get("height", "0")) for t, r in zip(said, bars, strict=True)}
    assert heights["1月 · 转移: 0"] == 0
    assert heights["2月 · 转移: 5"] == pytest.approx(heights["3月 · 转移: 10"] / 2)
    assert max(heights.values()) <= HEIGHT


def test_text_is_escaped() -> None:
    svg = _chart(title="<script>alert(1)</script>", labels=["a&b", "<", ">"])
    assert "<script>" not in svg
    ET.fromstring(svg)  # still well formed


def test_a_chart_of_nothing_is_still_drawn() -> None:
    root = ET.fromstring(_chart(series=[Series("转移", [0, 0, 0])]))
    assert re.search(r">0<", ET.tostring(root, encoding="unicode"))


def test_values_must_match_the_labels() -> None:
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        _chart(series=[Series("转移", [1, 2])])
