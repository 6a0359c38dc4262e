"""A stance timeline drawn server-side as SVG data (no JavaScript, no network): one row per actor,
coloured segments for each stance period, a dot for each statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .ledger import STANCE_LABELS, Ledger

STANCE_COLOURS = {
    "committed": "#1a7f37",
    "conditional": "#6f9a1b",
    "open": "#1f6feb",
    "undecided": "#8c959f",
    "declined": "#d1620a",
    "opposed": "#cf222e",
}
LABEL_WIDTH = 170
ROW_HEIGHT = 26
TOP = 34
RIGHT = 24
WIDTH = 900


@dataclass
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass
class Point:
    x: float
    colour: str
    title: str
    flagged: bool


@dataclass
class Row:
    label: str
    y: float
    segments: list[Segment] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[Row]
    ticks: list[tuple[float, str]]
    axis_y: float
    plot_left: int
    plot_right: int
    legend: list[tuple[str, str, float]]


def build_timeline(ledger: Ledger) -> Timeline | None:
    dates = ledger.dates
    if not dates:
        return None
    start, end = dates[0], dates[-1]
    span_days = max((end - start).days, 1)
    pad = max(1, round(span_days * 0.05))
    start, end = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
    total = (end - start).days
    plot_left, plot_right = LABEL_WIDTH, WIDTH - RIGHT

    def x(day: dt.date) -> float:
        return round(plot_left + (plot_right - plot_left) * (day - start).days / total, 1)

    rows = []
    for k, entry in enumerate(ledger.entries):
        row = Row(label=entry.actor.name, y=TOP + k * ROW_HEIGHT)
        for i, period in enumerate(entry.history):
            until = entry.history[i + 1].since if i + 1 < len(entry.history) else end
            colour = STANCE_COLOURS.get(period.stance, "#57606a")
            row.segments.append(
                Segment(
                    x=x(period.since),
                    width=max(2.0, x(until) - x(period.since)),
                    colour=colour,
                    title=f"{entry.actor.name}: {period.stance_label} from {period.since.isoformat()}",
                )
            )
            for ev in period.sources:
                source = ev.outlet or ev.article_title
                row.points.append(
                    Point(
                        x=x(ev.date),
                        colour=colour,
                        flagged=period.flagged and ev is period.sources[0],
                        title=f"{ev.date.isoformat()} · {STANCE_LABELS.get(ev.stance, ev.stance)} · {source}",
                    )
                )
        rows.append(row)
    axis_y = TOP + len(rows) * ROW_HEIGHT
    ticks = _ticks(start, end, x)
    legend, lx = [], float(plot_left)
    for stance, colour in STANCE_COLOURS.items():
        legend.append((STANCE_LABELS[stance], colour, lx))
        lx += 18 + 8 * len(STANCE_LABELS[stance]) + 14
    return Timeline(
        width=WIDTH,
        height=int(axis_y + 40),
        rows=rows,
        ticks=ticks,
        axis_y=axis_y,
        plot_left=plot_left,
        plot_right=plot_right,
        legend=legend,
    )


def _ticks(start: dt.date, end: dt.date, x) -> list[tuple[float, str]]:
    days = (end - start).days
    if days <= 45:
        step = max(1, days // 6)
        return [
            (x(start + dt.timedelta(days=d)), (start + dt.timedelta(days=d)).strftime("%-d %b"))
            for d in range(0, days + 1, step)
        ]
    out, month = [], dt.date(start.year, start.month, 1)
    every = max(1, (days // 30) // 8 + 1)
    n = 0
    while month <= end:
        if month >= start and n % every == 0:
            out.append((x(month), month.strftime("%b %Y")))
        n += 1
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out
