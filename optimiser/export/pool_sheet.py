"""The results workbook's pool sheet (Puljer): each specialist pool's coverage over its catchment and per
catchment team (`SolveResult.pools`, `optimiser.pools`), apart from the district teams' coverage.

`write_pool_sheet` adds the sheet; the results workbook calls it when the result has pools.
"""

from __future__ import annotations

from openpyxl import Workbook

from optimiser.domain import Catchment, Instance, PoolKind
from optimiser.export.style import Col, add_sheet, colour_scale
from optimiser.figures import Unit
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import SolveResult

SHEET = N_("Pools")
TITLE = N_("Specialist pools: coverage per pool and catchment team")
NOTE = N_(
    "A pool's staff stay where they are; their practice-near time is shared over the catchment by need. "
    "Coverage = the pool's FTE ÷ the pools' part of demand there. Not part of the district teams' equity."
)
KINDS = {
    PoolKind.CENTRE: N_("competence centre"),
    PoolKind.FLEX: N_("flex team"),
    PoolKind.CITY: N_("city-wide unit"),
}
CATCHMENTS = {
    Catchment.AREA: N_("its area"),
    Catchment.CITY: N_("the whole municipality"),
    Catchment.LIST: N_("listed teams and institutions"),
}
HEAD = (  # header, unit, width
    (N_("Pool"), Unit.TEXT, 34),
    (N_("Kind"), Unit.TEXT, 18),
    (N_("Home"), Unit.TEXT, 34),
    (N_("Catchment"), Unit.TEXT, 24),
    (N_("Profession"), Unit.TEXT, 18),
    (N_("Team"), Unit.TEXT, 26),
    (N_("Institutions"), Unit.COUNT, 16),
    (N_("Demand (FTE)"), Unit.FTE, 22),
    (N_("Pool supply (FTE)"), Unit.FTE, 22),
    (N_("Coverage"), Unit.SHARE, 12),
)
WHOLE = N_("whole catchment")


def write_pool_sheet(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang = "da") -> None:
    """Add the Puljer sheet of `result` (solved from `instance`) to `book`; nothing without pools."""
    if not result.pools:
        return
    sh = add_sheet(book, text(SHEET, lang), lang)
    row = sh.title(1, text(TITLE, lang), text(NOTE, lang))
    pools = {p.id: p for p in instance.pools}
    homes = {i.id: i.name for i in instance.institutions} | {a.id: a.name for a in instance.areas}
    rows = []
    for c in result.pools:
        pool = pools.get(c.pool_id)
        rows.append(
            [
                names.pool(c.pool_id),
                text(KINDS[pool.kind], lang) if pool else "",
                homes.get(pool.home, pool.home) if pool else "",
                text(CATCHMENTS[pool.catchment], lang) if pool else "",
                names.profession(c.profession),
                names.team(c.team_id) if c.team_id else text(WHOLE, lang),
                c.institutions,
                c.demand_fte,
                c.supply_fte,
                c.coverage,
            ]
        )
    top = row
    last = sh.table(
        top, [Col(text(h, lang), unit, width) for h, unit, width in HEAD], rows, freeze=True, autofilter=True
    )
    sh.ws.row_dimensions[top].height = 30  # room for a header that wraps
    colour_scale(sh.ws, f"J{top + 1}:J{last}")
