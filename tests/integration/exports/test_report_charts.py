"""Server-side SVG charts: one bar per value, heights in proportion, labels escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from shared.server.exports.report_charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_in_proportion_on_a_round_axis() -> None:
    svg = bar_chart("Pengunjung <per> hari", ["1", "2", "3"], [6, 3, 0])
    root = ET.fromstring(svg)  # well-formed XML
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 3
    heights = [float(b.get("height", "0")) for b in bars]
    assert heights[0] == 2 * heights[1] and heights[2] == 0
    assert "Pengunjung &lt;per&gt; hari" in svg
    ticks = re.findall(r'text-anchor="end" fill="#556">([^<]+)<', svg)
    assert ticks == ["0", "2", "4", "6", "8"]  # 6 rounds up to a top of 8


def test_a_fixed_top_for_the_skm_scale() -> None:
    svg = bar_chart("SKM", ["U1"], [4.0], value_format="{:.2f}", top=4.0)
    assert ">4.00<" in svg
