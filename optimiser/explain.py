"""Explanations in a planner's words: which rules clash (infeasible) or which bind (a plan was found).

Infeasible: a separate single-worker solve of the full model assumes every rule's literal; CP-SAT returns a
set of assumptions that cannot hold together, which is then shrunk (drop a rule, re-solve, keep it out if
still infeasible) and turned into sentences, with figures where arithmetic can show the clash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from optimiser import fmt
from optimiser.domain import RULE_NAMES
from optimiser.model.build import build
from optimiser.model.data import ProblemData
from optimiser.model.rules import TEXT
from optimiser.problems import Lang
from optimiser.results import Coverage, EquityLevel, Kpis

EXPLAIN_SECONDS = 20.0


def _infeasible_with(data: ProblemData, assumed: Sequence[str]) -> tuple[bool, list[str]]:
    """Solve the full model assuming `assumed` rules; (infeasible?, the core as rule names)."""
    model, vars = build(data, full=True)
    for name in RULE_NAMES:
        if name not in data.enabled:
            model.add(vars.rule(name) == 0)  # switched off; enabled rules left out of `assumed` are relaxed
    model.add_assumptions([vars.rule(r) for r in assumed])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # assumption cores need a single worker
    solver.parameters.max_time_in_seconds = EXPLAIN_SECONDS
    if solver.solve(model) != cp_model.INFEASIBLE:
        return False, []
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return True, [r for r in assumed if vars.rule(r).index in core]


def clashing_rules(data: ProblemData) -> list[str]:
    """A small set of enabled rules that cannot all hold; empty if none found in time."""
    infeasible, core = _infeasible_with(data, [r for r in RULE_NAMES if r in data.enabled])
    if not infeasible:
        return []
    for rule in list(core):
        trial = [r for r in core if r != rule]
        still, smaller = _infeasible_with(data, trial)
        if still:
            core = smaller or trial
    return core


def explain_infeasible(data: ProblemData, lang: Lang = "da") -> list[str]:
    core = clashing_rules(data)
    if not core:
        if lang == "da":
            return ["Scenariet kan ikke løses, men de regler, der strider mod hinanden, kunne ikke findes i tide."]
        return ["The scenario cannot be solved, but the clashing rules could not be found in time."]
    head = {
        "da": "Scenariet kan ikke løses: disse regler kan ikke overholdes på én gang:",
        "en": "The scenario cannot be solved: these rules cannot all hold at once:",
    }[lang]
    lines = [head, *(f"• {TEXT[r][lang]} ({r})" for r in core)]
    lines += _specifics(data, set(core), lang)
    fix = {
        "da": "Løsn en af reglerne (Parametre: slå_fra_regler), eller ændr de tal, der nævnes ovenfor.",
        "en": "Relax one of the rules (Parametre: slå_fra_regler), or change the figures named above.",
    }[lang]
    return [*lines, fix]


def _area_scopes(data: ProblemData, core: set[str]) -> dict[str, tuple[str, list[str]]]:
    """Scopes to compare demand for staff with staff available: each area when the boundary clashes,
    else the whole municipality. Maps scope -> (display name, team ids)."""
    inst = data.instance
    if "area-boundary" in core:
        names = {a.id: a.name for a in inst.areas}
        return {a: (names[a], list(ts)) for a, ts in data.teams_in_area.items()}
    return {"*": ("", list(data.teams))}


def _specifics(data: ProblemData, core: set[str], lang: Lang) -> list[str]:
    inst = data.instance
    team_names = {t.id: t.name for t in inst.teams}
    scopes = _area_scopes(data, core)
    whole = {"da": "Kommunen", "en": "The municipality"}[lang]
    out: list[str] = []
    heads: dict[tuple[str, str], int] = defaultdict(int)
    capacity: dict[tuple[str, str], int] = defaultdict(int)
    fte: dict[str, float] = defaultdict(float)
    for g in data.groups:
        scope = g.area_id if "area-boundary" in core else "*"
        heads[scope, g.profession] += g.size
        capacity[scope, g.profession] += g.size * data.contact_capacity(g)
        fte[scope] += g.size * g.fte / 100
    for scope, (name, teams) in scopes.items():
        label = whole if scope == "*" else name
        if "team-minimum-per-profession" in core:
            for p in map(inst.profession, data.professions):
                n = sum(1 for t in teams if (t, p.id) in data.serves)
                if p.min_per_team and n * p.min_per_team > heads[scope, p.id]:
                    out.append(
                        f"{label} skal have mindst {p.min_per_team} {p.id} i hvert af {n} teams "
                        f"({n * p.min_per_team}), men har {heads[scope, p.id]}."
                        if lang == "da"
                        else f"{label} needs ≥ {p.min_per_team} {p.id} in each of {n} teams "
                        f"({n * p.min_per_team}) but has {heads[scope, p.id]}."
                    )
        if "contact-load" in core:
            for p in map(inst.profession, data.professions):
                needed = sum(data.contacts_needed.get((t, p.id), 0) for t in teams)
                if needed > capacity[scope, p.id]:
                    out.append(
                        f"{label} har {needed} institutioner, der skal have en kontaktperson ({p.id}), "
                        f"men plads til {capacity[scope, p.id]}."
                        if lang == "da"
                        else f"{label} has {needed} institutions needing a {p.id} contact but room for "
                        f"{capacity[scope, p.id]}."
                    )
        if "team-size-bounds" in core:
            low, high = data.params.team_size_min_fte, data.params.team_size_max_fte
            n = len(teams)
            total = fmt.number(fte[scope], 2, lang)
            if low is not None and n * low > fte[scope] + 1e-9:
                out.append(
                    f"{label} skal fylde {n} teams med mindst {fmt.number(low, 2, lang)} årsværk hver, "
                    f"men har {total} årsværk."
                    if lang == "da"
                    else f"{label} must fill {n} teams with ≥ {fmt.number(low, 2, lang)} FTE each but has {total} FTE."
                )
            if high is not None and n * high < fte[scope] - 1e-9:
                out.append(
                    f"{label} har {total} årsværk, men {n} teams må højst have {fmt.number(high, 2, lang)} hver."
                    if lang == "da"
                    else f"{label} has {total} FTE but {n} teams may hold at most {fmt.number(high, 2, lang)} each."
                )
    if "locked-assignments" in core:
        team_area = data.team_area
        for g in data.groups:
            lock = g.locked_team_id
            if lock is None:
                continue
            who = ", ".join(g.members[:5])
            if "area-boundary" in core and team_area.get(lock) != g.area_id:
                out.append(
                    f"{who} er låst til {team_names.get(lock, lock)} uden for sit område."
                    if lang == "da"
                    else f"{who} locked to {team_names.get(lock, lock)} outside their area."
                )
            if "profession-serves-institution-types" in core and (lock, g.profession) not in data.serves:
                team = team_names.get(lock, lock)
                out.append(
                    f"{who} ({g.profession}) er låst til {team}, som intet har, faggruppen betjener."
                    if lang == "da"
                    else f"{who} ({g.profession}) locked to {team}, which has nothing the profession serves."
                )
        if "max-moves" in core and data.params.max_moves is not None:
            forced = sum(g.size - g.now_in(g.locked_team_id) for g in data.groups if g.locked_team_id)
            if forced > data.params.max_moves:
                out.append(
                    f"{forced} låste medarbejdere skal skifte team, men højst {data.params.max_moves} må."
                    if lang == "da"
                    else f"{forced} locked staff must change team but at most {data.params.max_moves} may."
                )
    return out


BOTTLENECK_LEVELS = 3  # equity levels explained, worst first
REASON: dict[str, dict[str, str]] = {
    "locks": {
        "da": "låste medarbejdere binder faggruppen i området",
        "en": "locked staff tie the profession in the area",
    },
    "boundary": {
        "da": "områdegrænsen: kommunen samlet har {all} dækning, området {own}",
        "en": "the area boundary: the municipality covers {all}, the area {own}",
    },
    "minimum": {
        "da": "mindstekravet på {n} pr. team binder hele personer",
        "en": "the minimum of {n} per team ties whole persons",
    },
    "whole": {
        "da": "hele personer: delt helt lige ville området nå {own} mangel",
        "en": "whole persons: shared out evenly the area would reach {own} shortfall",
    },
    "staff": {
        "da": "for få medarbejdere: området dækker samlet {own} af behovet",
        "en": "too few staff: the area covers {own} of its need in all",
    },
}


def _reason(data: ProblemData, by_cell: dict[tuple[str, str], Coverage], cell: EquityLevel, lang: Lang) -> str:
    """Why a cell cannot do better than its level, in a planner's words (the first reason that applies)."""
    on, p = data.enabled, cell.profession
    bounded = "area-boundary" in on
    area = data.team_area.get(cell.team_id, "")
    scope = [c for (t, q), c in by_cell.items() if q == p and (not bounded or data.team_area.get(t) == area)]
    every = [c for (_, q), c in by_cell.items() if q == p]

    def pooled(rows: list[Coverage]) -> float:
        return sum(c.supply_fte for c in rows) / max(1e-9, sum(c.demand_fte for c in rows))

    own, everywhere = pooled(scope), pooled(every)
    locked = any(g.locked_team_id and g.profession == p and (not bounded or g.area_id == area) for g in data.groups)
    minimum = data.instance.profession(p).min_per_team
    if locked and "locked-assignments" in on:
        code = "locks"
    elif bounded and own < everywhere - 0.005:
        code = "boundary"
    elif minimum > 0 and "team-minimum-per-profession" in on:
        code = "minimum"
    elif max(0.0, 1 - own) < cell.level - 0.005:
        code = "whole"
    else:
        code = "staff"
    figures = {
        "own": fmt.percent(own if code != "whole" else max(0.0, 1 - own), 1, lang),
        "all": fmt.percent(everywhere, 1, lang),
        "n": str(minimum),
    }
    return REASON[code][lang].format(**figures)


def explain_levels(
    data: ProblemData, coverage: Sequence[Coverage], levels: Sequence[EquityLevel], lang: Lang = "da"
) -> list[str]:
    """The bottleneck cells of the worst equity levels and why each cannot do better."""
    team_names = {t.id: t.name for t in data.instance.teams}
    by_cell = {(c.team_id, c.profession): c for c in coverage if c.demand_fte > 0}
    out: list[str] = []
    values = sorted({lv.level for lv in levels if lv.level > 0}, reverse=True)[:BOTTLENECK_LEVELS]
    for n, value in enumerate(values, 1):
        cells = [lv for lv in levels if lv.level == value]
        shown = "; ".join(
            f"{c.profession} {'i' if lang == 'da' else 'in'} {team_names.get(c.team_id, c.team_id)} "
            f"({_reason(data, by_cell, c, lang)})"
            for c in cells[:3]
        )
        more = len(cells) - 3
        if more > 0:
            shown += f" {'og' if lang == 'da' else 'and'} {more} {'flere' if lang == 'da' else 'more'}"
        head = "Lighed, niveau" if lang == "da" else "Equity, level"
        short = "mangel" if lang == "da" else "shortfall"
        decimals = 1 if abs(value * 1000 - round(value * 1000)) < 1e-9 else 2  # levels are 0.01 points apart
        out.append(f"{head} {n}: {fmt.percent(value, decimals, lang)} {short}: {shown}.")
    return out


def explain_solution(
    data: ProblemData,
    coverage: Sequence[Coverage],
    kpis: Kpis,
    lang: Lang = "da",
    levels: Sequence[EquityLevel] = (),
) -> list[str]:
    """What decides the plan: the worst-covered team and profession, the equity levels' bottlenecks and why,
    and which rules bind."""
    inst = data.instance
    team_names = {t.id: t.name for t in inst.teams}
    out: list[str] = []
    with_demand = [c for c in coverage if c.demand_fte > 0]
    if with_demand:
        worst = min(with_demand, key=lambda c: (c.supply_fte / c.demand_fte, c.team_id, c.profession))
        d, s = fmt.number(worst.demand_fte, 2, lang), fmt.number(worst.supply_fte, 2, lang)
        cov = fmt.percent(worst.coverage, 0, lang)
        out.append(
            f"Lavest dækning: {worst.profession} i {team_names[worst.team_id]}: behov {d} årsværk, dækket {s} ({cov})."
            if lang == "da"
            else f"Lowest coverage: {worst.profession} in {team_names[worst.team_id]}: demand {d} FTE, "
            f"supplied {s} ({cov})."
        )
        if "area-boundary" in data.enabled:
            area = data.team_area[worst.team_id]
            in_area = [c for c in with_demand if c.profession == worst.profession and data.team_area[c.team_id] == area]
            every = [c for c in with_demand if c.profession == worst.profession]
            area_cov = sum(c.supply_fte for c in in_area) / sum(c.demand_fte for c in in_area)
            all_cov = sum(c.supply_fte for c in every) / sum(c.demand_fte for c in every)
            if area_cov < all_cov - 0.005:
                name = next(a.name for a in inst.areas if a.id == area)
                out.append(
                    f"Områdegrænsen binder: {name} har {fmt.percent(area_cov, 0, lang)} dækning af {worst.profession}, "
                    f"kommunen samlet {fmt.percent(all_cov, 0, lang)}."
                    if lang == "da"
                    else f"The area boundary binds: {name} covers {fmt.percent(area_cov, 0, lang)} of its "
                    f"{worst.profession} need, the municipality {fmt.percent(all_cov, 0, lang)}."
                )
    out += explain_levels(data, coverage, levels, lang)
    limit = data.params.max_moves
    if "max-moves" in data.enabled and limit is not None and kpis.staff_moved >= limit:
        out.append(
            f"Loftet over flytninger binder: {limit} medarbejdere."
            if lang == "da"
            else f"The cap on moves binds: {limit} staff."
        )
    budget = data.params.budget_dkk
    if budget and kpis.new_posts_cost_dkk > 0:
        used, total = fmt.number(kpis.new_posts_cost_dkk, 0, lang), fmt.number(budget, 0, lang)
        out.append(
            f"Nye stillinger: {fmt.number(kpis.new_posts_fte, 2, lang)} årsværk for {used} kr. af {total} kr."
            if lang == "da"
            else f"New posts: {fmt.number(kpis.new_posts_fte, 2, lang)} FTE for DKK {used} of {total}."
        )
    out.append(
        f"{kpis.staff_moved} medarbejdere skifter team; {kpis.contacts_changed} institutioner får ny kontaktperson."
        if lang == "da"
        else f"{kpis.staff_moved} staff change team; {kpis.contacts_changed} institutions get a new contact."
    )
    return out
