"""``{% figure f %}``: one figure with its marks, as every table of the ministry's pages shows it
(a mark is a sign and a word for a screen reader, never a colour alone)."""

from __future__ import annotations

import functools

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.statistics.dashboard import Figure, Series
from hub.statistics.selectors import Query

register = template.Library()


@functools.lru_cache(maxsize=16)
def _words(language: str | None) -> dict[str, str]:
    """The marks' words in ``language``, looked up once (a pivot asks for them thousands of times)."""
    return {
        "not released": _("not released"),
        "A": _("suppressed: too few people to show"),
        "D": _("hidden so that a suppressed cell cannot be worked out"),
        "at least": _("at least"),
        "not released by": _("not released by"),
        "revised": _("revised: see its revisions"),
    }


def number(value: float | int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


def revisions_link(query: Query, *, period: str, area: str, categories: dict[str, str]) -> str:
    params = QueryDict(mutable=True)
    params.update({"indicator": query.indicator, "period": period, "level": query.level})
    if query.level != "federation":
        params["area"] = area
    if query.table:
        params["by"] = ",".join(query.table)
        params.update({name: code for name, code in categories.items()})
    return f"{reverse('ministry:revisions')}?{params.urlencode()}"


@register.simple_tag
def figure(
    f: Figure,
    query: Query | None = None,
    period: str = "",
    area: str = "",
    categories: dict[str, str] | None = None,
) -> SafeString:
    """Kept short: a pivot holds thousands of figures. The common marks (±) are explained by the
    page's legend; the rarer ones (≥, a suppressed cell, the missing) say so in words too."""
    words = _words(get_language())
    if f.kind == "missing":
        title = words["not released"] + (f": {', '.join(f.missing)}" if f.missing else "")
        return format_html(
            '<span class="fig-missing" title="{}">—<span class="sr"> {}</span></span>', title, title
        )
    parts: list[SafeString] = []
    if f.kind == "suppressed":
        why = words["A"] if f.conf_status == "A" else words["D"]
        parts.append(
            format_html(
                '<span class="mark mark-suppressed" title="{}">{}</span><span class="sr"> {}</span>',
                why,
                f.conf_status,
                why,
            )
        )
    else:
        assert f.value is not None
        if f.kind == "lower":
            # The count in brackets is the municipalities that suppressed a part (the legend says so).
            parts.append(
                format_html(
                    '<span class="fig-lower"><span class="mark mark-lower" aria-hidden="true">≥</span>'
                    '<span class="sr">{} </span>',
                    words["at least"],
                )
            )
        parts.append(format_html("{}", number(f.value)))
        if f.margin95 is not None:
            parts.append(format_html(' <span class="mark-margin">±{}</span>', number(round(f.margin95))))
        if f.kind == "lower":
            parts.append(format_html(' <span class="mark-count">({})</span></span>', f.suppressed))
    if f.missing:
        gone = words["not released by"] + " " + ", ".join(f.missing)
        parts.append(
            format_html(
                ' <span class="mark mark-missing" title="{}">…{}</span><span class="sr"> {}</span>',
                gone,
                len(f.missing),
                gone,
            )
        )
    if f.revised:
        label = words["revised"]
        if query is not None:
            link = revisions_link(query, period=period, area=area, categories=categories or {})
            parts.append(format_html(' <a class="mark mark-revised" href="{}" title="{}">r</a>', link, label))
        else:
            parts.append(format_html(' <span class="mark mark-revised" title="{}">r</span>', label))
    return SafeString("".join(parts))


@register.simple_tag
def pivot_rows(lines: list[Series], query: Query) -> SafeString:
    """The pivot's body, a row a line and a cell a period: built here rather than by the template
    (a pivot holds thousands of figures, and a template's loop costs more than the figures)."""
    rows = []
    for line in lines:
        cells = "".join(
            f'<td class="num">{figure(f, query, period, line.area, line.categories)}</td>'
            for period, f in zip(query.periods, line.figures, strict=True)
        )
        rows.append(format_html('<tr><th scope="row">{}</th>{}</tr>', line.label, SafeString(cells)))
    return SafeString("\n".join(rows))


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{'+' if value > 0 else ''}{number(round(value * 100, 1))} %"


@register.filter
def percent_share(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{number(round(value * 100, 1))} %"
