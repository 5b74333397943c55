"""Bar charts of the office's figures as SVG, drawn on the server (no chart library, no CDN).

Only numbers and labels the server chose go in (dates, hours, element names): no visitor
text. Every label is escaped anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from html import escape

from shared.core.feedback.report_figures import OfficeReport
from shared.core.feedback.satisfaction import ELEMENTS

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 34, 46
BAR = "#0b5cad"


def _nice_top(value: float) -> float:
    """A round top for a count axis, divisible by its four steps: 4, 8, 12, 20, 40, 80, 120,
    200, 400, ..."""
    scale = 1.0
    while True:
        for top in (4, 8, 12, 20):
            if top * scale >= value:
                return top * scale
        scale *= 10


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float],
              value_format: str = "{:g}", label_every: int = 1,
              top: float | None = None) -> str:
    """A vertical bar chart; every ``label_every``-th label is written under its bar."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    highest = top if top is not None else _nice_top(max(values, default=0) or 1)
    slot = plot_w / max(len(values), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="11">',
        f'<title>{escape(title)}</title>',
        f'<text x="{LEFT}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):
        value = highest * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#dde3ea"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#556">'
                     f'{escape(value_format.format(value))}</text>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * (value / highest) if highest else 0
        x = LEFT + i * slot + slot * 0.15
        y = TOP + plot_h - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                     f'height="{h:.1f}" fill="{BAR}"><title>{escape(label)}: '
                     f'{escape(value_format.format(value))}</title></rect>')
        if value and len(values) <= 24:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" '
                         f'text-anchor="middle" fill="#223">'
                         f'{escape(value_format.format(value))}</text>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{TOP + plot_h + 15}" '
                         f'text-anchor="middle" fill="#334">{escape(label)}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
                 f'y2="{TOP + plot_h}" stroke="#556"/>')
    parts.append("</svg>")
    return "".join(parts)


def visitors_per_day(report: OfficeReport) -> str:
    days = [report.first + timedelta(days=i)
            for i in range((report.last - report.first).days + 1)]
    every = max(1, len(days) // 16)
    return bar_chart("Pengunjung per hari / visitors per day",
                     [f"{d.day}" if len(days) <= 31 else d.strftime("%d/%m") for d in days],
                     [report.per_day.get(d, 0) for d in days], label_every=every)


def visitors_per_hour(report: OfficeReport) -> str:
    hours = list(range(7, 18))
    extra = sorted(h for h in report.per_hour if h not in hours)
    hours = sorted(hours + extra)
    return bar_chart("Pengunjung per jam / visitors per hour of day",
                     [f"{h:02d}" for h in hours], [report.per_hour.get(h, 0) for h in hours])


def waiting_times(report: OfficeReport) -> str:
    return bar_chart("Lama menunggu (menit) / waiting time (minutes)",
                     [label for label, _ in report.waiting_bands],
                     [count for _, count in report.waiting_bands])


def skm_elements(report: OfficeReport) -> str:
    index = report.satisfaction
    means = [float(e.mean) if index.respondents else 0.0 for e in index.elements]
    return bar_chart("Nilai rata-rata unsur SKM (1-4) / SKM element means",
                     [f"U{e.number}" for e in ELEMENTS], means, value_format="{:.2f}",
                     top=4.0)


CHARTS = {
    "visitors-per-day": visitors_per_day,
    "visitors-per-hour": visitors_per_hour,
    "waiting-times": waiting_times,
    "skm-elements": skm_elements,
}
