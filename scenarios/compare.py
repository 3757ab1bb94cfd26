"""Comparing scenarios: one KPI table, winners and losers per team and institution, who moves where.

`compare(book, scenarios)` runs every scenario (and, if asked, the trade-off curve of one) and returns a
`Comparison` (plain data, `optimiser.comparison`); `build_comparison(base, outcomes)` makes the tables from runs
already done. The app shows the tables (`Comparison.frames()`), the command line writes them as a workbook
(`optimiser.export.comparison_book`).

"Against the current allocation" means against the book's staff where they are now, with each team's
practice-near FTE shared over its institutions in proportion to their demand under the book's own need
model (`optimiser.contacts.allocate`). That gives every institution a current FTE that does not depend on
the scenario's structure, so a team of any structure has a current FTE too: the sum over its institutions.
An institution or team wins (loses) when its practice-near FTE rises (falls) by at least `CHANGE_FTE`.

Every scenario is measured against one reference demand (`optimiser.reference`: the book's, or a chosen
stored run's), and the current allocation against the same: `Comparison.reference` says which, in words.
Every option is also reported per district (`bydel`: the same institutions in every structure) and with the
consultation's arguments (`optimiser.arguments`), today's row included. A person a scenario's `move` sends to
another team is a move (listed among the moves, counted in `staff_moved`), from the team they left. Contacts
changed count today's contacts (sheet Kontakter, the book's) the plan breaks, those of people the scenario
removes included; without the sheet they are None: not supplied.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from optimiser.arguments import district_coverage, institution_demand, structure_kpis
from optimiser.comparison import (
    CURRENT,
    Comparison,
    DistrictRow,
    EffectRow,
    Frontier,
    FrontierPoint,
    InstitutionRow,
    KpiRow,
    MoveRow,
    ScenarioRow,
    TeamRow,
)
from optimiser.contacts import allocate, current_contacts, ties_broken
from optimiser.domain import Instance, Reference, readable
from optimiser.evaluate import compute_kpis
from optimiser.problems import Lang
from optimiser.reference import describe, with_reference
from optimiser.results import DistrictCoverage, InstitutionAllocation, SolveResult, StructureKpis
from scenarios.apply import Applied
from scenarios.costs import cost_delta_dkk, current_cost_dkk, team_costs
from scenarios.edits import NeedEdits, apply_need_edits
from scenarios.engine import solve_applied
from scenarios.executor import ray_address, run_all
from scenarios.frontier import DEFAULT_TOLERANCES
from scenarios.schema import Scenario
from scenarios.service import Book, Outcome, RunInputs, prepare, run, run_curve, store_outcome
from scenarios.store import RunStore

CHANGE_FTE = 0.01  # the FTE resolution: smaller differences are rounding, not a change
__all__ = ["CURRENT", "Comparison", "build_comparison", "compare"]


def current_allocation(base: Instance) -> list[InstitutionAllocation]:
    """Today: the book's staff where they are, each team's supply shared over its institutions by demand, with
    today's contacts (sheet Kontakter where given)."""
    team_of = {s.id: s.current_team_id for s in base.staff}
    return allocate(base, base.parameters, team_of, {}, None, current_contacts(base, base.parameters))


def current_institution_fte(base: Instance) -> dict[str, float]:
    """Practice-near FTE per institution under the current allocation (all professions)."""
    out: dict[str, float] = defaultdict(float)
    for a in current_allocation(base):
        out[a.institution_id] += a.fte
    return {i.id: out.get(i.id, 0.0) for i in base.institutions}


def _argument_fields(figures: StructureKpis | None) -> dict[str, float | int | None]:
    """A `KpiRow`'s argument fields from a plan's `StructureKpis` (all None without a plan)."""
    names = (
        "team_fte_median",
        "team_heads_min",
        "team_heads_median",
        "team_heads_max",
        "alone_cells",
        "absence_risk_max",
        "absence_risk_mean",
        "institutions_per_contact_mean",
        "institutions_per_contact_max",
        "clusters_split",
        "distance_mean_km",
        "distance_max_km",
    )
    return {n: None if figures is None else getattr(figures, n) for n in names}


def district_name(instance: Instance, district_id: str) -> str:
    """A district as shown: the name of the team of that id (a district defaults to the book's team), else
    the district as the book writes it."""
    teams = {t.id: t.name for t in (*instance.teams, *instance.structure_teams)}
    return teams.get(district_id) or (readable(district_id) if "_" in district_id else district_id)


def _district_rows(base: Instance, scenario: str, rows: list[DistrictCoverage]) -> list[DistrictRow]:
    return [
        DistrictRow(
            scenario=scenario,
            district_id=r.district_id,
            district_name=district_name(base, r.district_id),
            profession=r.profession,
            demand_fte=r.demand_fte,
            current_supply_fte=r.current_supply_fte,
            supply_fte=r.supply_fte,
            current_coverage=r.current_supply_fte / r.demand_fte if r.demand_fte > 0 else None,
            coverage=r.coverage,
        )
        for r in rows
    ]


def current_districts(base: Instance, today: list[InstitutionAllocation]) -> list[DistrictRow]:
    """Today's coverage per district x profession (scenario `CURRENT`)."""
    demand = institution_demand(base, base.parameters)
    return _district_rows(base, CURRENT, district_coverage(base, demand, today, today))


def current_row(base: Instance) -> KpiRow:
    """The current allocation as a row of the KPI table: the book's staff where they are, the book's parameters."""
    params = base.parameters
    team_of = {s.id: s.current_team_id for s in base.staff}
    kpis = compute_kpis(base, params, team_of, (), ())
    today = structure_kpis(base, params, team_of, (), current_allocation(base))
    return KpiRow(
        scenario=CURRENT,
        title=CURRENT,
        structure=None,
        status="current",
        teams=len(base.teams),
        max_shortfall=kpis.max_relative_shortfall,
        mean_shortfall=kpis.mean_relative_shortfall,
        total_shortfall_fte=kpis.total_shortfall_fte,
        cv_coverage=kpis.cv_coverage,
        staff_moved=0,
        contacts_changed=0 if base.contacts else None,
        team_min_fte=kpis.team_size_min_fte,
        team_max_fte=kpis.team_size_max_fte,
        fte=sum(s.fte for s in base.staff),
        new_posts_fte=0.0,
        new_posts_cost_dkk=0.0,
        cost_dkk=current_cost_dkk(base),
        cost_delta_dkk=0.0,
        cost_per_child_dkk=kpis.cost_per_child_dkk,
        teams_gaining=0,
        teams_losing=0,
        institutions_gaining=0,
        institutions_losing=0,
        seconds=None,
        run_id=None,
        **_argument_fields(today),  # type: ignore[arg-type]
    )


def _changed(values: Sequence[float]) -> tuple[int, int]:
    step = CHANGE_FTE - 1e-9  # float noise must not hide a change of exactly 0.01
    return sum(v >= step for v in values), sum(v <= -step for v in values)


def _scenario_row(outcome: Outcome) -> ScenarioRow:
    scenario, result = outcome.applied.scenario, outcome.result
    return ScenarioRow(
        scenario=outcome.name,
        title=scenario.title,
        description=(scenario.spec.description or "").strip(),
        source=scenario.source,
        structure=scenario.spec.structure,
        status=result.status,
        run_id=outcome.run_id,
        inputs_hash=outcome.inputs_hash,
        solver=result.solver,
        parameters=json.dumps(outcome.applied.params.model_dump(mode="json")),
        text=scenario.text,
        solver_settings=json.dumps(outcome.applied.settings.model_dump(mode="json")),
    )


def _effect_rows(outcome: Outcome) -> list[EffectRow]:
    return [
        EffectRow(outcome.name, e.action, e.staff_id, e.profession, e.team_id, e.fte) for e in outcome.applied.effects
    ]


def _scenario_tables(
    base: Instance, now: Mapping[str, float], outcome: Outcome, today: list[InstitutionAllocation] | None = None
) -> tuple[KpiRow, list[TeamRow], list[InstitutionRow], list[MoveRow], list[DistrictRow]]:
    applied, result = outcome.applied, outcome.result
    instance, name = applied.instance, outcome.name
    book_team = {i.id: i.team_id for i in base.institutions}
    new_fte: dict[str, float] = defaultdict(float)
    for a in result.institutions:
        new_fte[a.institution_id] += a.fte
    institutions = (
        [
            InstitutionRow(
                scenario=name,
                institution_id=i.id,
                name=i.name,
                type=i.type.value,
                current_team_id=book_team[i.id],
                team_id=i.team_id,
                current_fte=now[i.id],
                new_fte=new_fte[i.id],
                change_fte=new_fte[i.id] - now[i.id],
            )
            for i in instance.institutions
        ]
        if result.kpis is not None
        else []
    )

    demand: dict[str, float] = defaultdict(float)
    for c in result.coverage:
        demand[c.team_id] += c.demand_fte
    team_now: dict[str, float] = defaultdict(float)
    team_new: dict[str, float] = defaultdict(float)
    for inst in institutions:
        team_now[inst.team_id] += inst.current_fte
        team_new[inst.team_id] += inst.new_fte
    costs = {c.team_id: c for c in team_costs(instance, applied.params, result)}
    teams = (
        [
            TeamRow(
                scenario=name,
                team_id=t.id,
                team_name=t.name,
                area_id=t.area_id,
                children=costs[t.id].children,
                demand_fte=demand[t.id],
                current_fte=team_now[t.id],
                new_fte=team_new[t.id],
                change_fte=team_new[t.id] - team_now[t.id],
                current_coverage=team_now[t.id] / demand[t.id] if demand[t.id] > 0 else None,
                new_coverage=team_new[t.id] / demand[t.id] if demand[t.id] > 0 else None,
                cost_dkk=costs[t.id].cost_dkk,
                cost_per_child_dkk=costs[t.id].cost_per_child_dkk,
            )
            for t in instance.teams
        ]
        if result.kpis is not None
        else []
    )

    profession = {s.id: s.profession for s in instance.staff}
    in_book = {s.id: s.current_team_id for s in base.staff}
    # A scenario's `move` is a move: from the team the person left (the plan may move them on).
    left = {e.staff_id: e.from_team_id for e in applied.effects if e.action == "move" and e.from_team_id}
    moves = []
    for placed in result.assignments:
        start = left.get(placed.staff_id) or placed.current_team_id
        if start != placed.team_id:
            member = placed.staff_id
            moves.append(
                MoveRow(name, member, profession[member], placed.fte, in_book.get(member), start, placed.team_id)
            )
    districts: list[DistrictRow] = []
    argued: StructureKpis | None = None
    if result.kpis is not None:
        today = today if today is not None else current_allocation(base)
        wanted = institution_demand(instance, applied.params, applied.structure)
        districts = _district_rows(base, name, district_coverage(instance, wanted, result.institutions, today))
        team_of = {a.staff_id: a.team_id for a in result.assignments}
        argued = result.structure_kpis or structure_kpis(
            instance, applied.params, team_of, result.new_posts, result.institutions, applied.structure
        )

    k = result.kpis
    teams_up, teams_down = _changed([t.change_fte for t in teams])
    inst_up, inst_down = _changed([i.change_fte for i in institutions])
    row = KpiRow(
        scenario=name,
        title=applied.scenario.title,
        structure=applied.scenario.spec.structure,
        status=result.status,
        teams=len(instance.teams),
        max_shortfall=k.max_relative_shortfall if k else None,
        mean_shortfall=k.mean_relative_shortfall if k else None,
        total_shortfall_fte=k.total_shortfall_fte if k else None,
        cv_coverage=k.cv_coverage if k else None,
        staff_moved=len(moves) if k else None,
        contacts_changed=ties_broken(base.contacts, result.institutions) if k else None,
        team_min_fte=k.team_size_min_fte if k else None,
        team_max_fte=k.team_size_max_fte if k else None,
        fte=sum(s.fte for s in instance.staff) + k.new_posts_fte if k else None,
        new_posts_fte=k.new_posts_fte if k else None,
        new_posts_cost_dkk=k.new_posts_cost_dkk if k else None,
        cost_dkk=k.cost_dkk if k else None,
        cost_delta_dkk=cost_delta_dkk(base, applied.params, result),
        cost_per_child_dkk=k.cost_per_child_dkk if k else None,
        teams_gaining=teams_up if k else None,
        teams_losing=teams_down if k else None,
        institutions_gaining=inst_up if k else None,
        institutions_losing=inst_down if k else None,
        seconds=result.seconds,
        run_id=outcome.run_id,
        **_argument_fields(argued),  # type: ignore[arg-type]
    )
    return row, teams, institutions, moves, districts


def build_comparison(
    base: Instance,
    outcomes: Sequence[Outcome],
    frontier: Frontier | None = None,
    book: str = "",
    lang: Lang = "da",
) -> Comparison:
    """The comparison tables of scenarios already run on `base`, all measured against the first run's reference
    (the run service gives every run of one comparison the same); today is measured against it too."""
    reference = outcomes[0].applied.instance.reference if outcomes else None
    base = with_reference(base, reference)
    today = current_allocation(base)
    now = current_institution_fte(base)
    kpis: list[KpiRow] = []
    teams: list[TeamRow] = []
    institutions: list[InstitutionRow] = []
    moves: list[MoveRow] = []
    districts = current_districts(base, today)
    for outcome in outcomes:
        row, t, i, m, d = _scenario_tables(base, now, outcome, today)
        kpis.append(row)
        teams += t
        institutions += i
        moves += m
        districts += d
    return Comparison(
        book=book,
        created_at=datetime.now(UTC),
        current=current_row(base),
        kpis=kpis,
        teams=teams,
        institutions=institutions,
        moves=moves,
        effects=[e for o in outcomes for e in _effect_rows(o)],
        scenarios=[_scenario_row(o) for o in outcomes],
        frontier=frontier,
        base=base,
        reference=describe(reference, lang),
        districts=districts,
    )


def _solve(applied: Applied) -> SolveResult:
    """One scenario's solve in an executor's worker (a module-level function: it is pickled to the worker)."""
    return solve_applied(applied)


def _solved_elsewhere(prepared: Sequence[Applied], jobs: int | None, ray: str | None) -> list[SolveResult | None]:
    """The scenarios' results from the executor when it is asked for (None: solve here, as after a lost worker)."""
    address = ray_address(ray)  # the option, else BYDELSTEAM_RAY_ADDRESS: read where the executor reads it
    if jobs is None and address is None:
        return [None] * len(prepared)
    return [o.value for o in run_all(list(prepared), _solve, ray=address, workers=jobs)]


def compare(
    book: Book,
    scenarios: Sequence[Scenario],
    *,
    need_edits: NeedEdits = (),
    frontier_of: str | None = None,
    tolerances: Sequence[float] = DEFAULT_TOLERANCES,
    overrides: Mapping[str, object] | None = None,
    store: RunStore | None = None,
    command: str = "compare",
    on_outcome: Callable[[Outcome], None] | None = None,
    on_point: Callable[[FrontierPoint], None] | None = None,
    lang: Lang = "da",
    jobs: int | None = None,
    ray: str | None = None,
    reference: Reference | None = None,
) -> Comparison:
    """Run every scenario on `book` (with the need edits) through the run service and compare them; with
    `frontier_of` (a scenario's name), also sweep that scenario's equity tolerance for the trade-off curve.
    Raises ScenarioError before solving anything when a scenario does not fit the book, and ValueError for two
    scenarios with the same name.

    The scenarios are solved one after another here, each with all its solver threads, unless `jobs` (solves
    at once on the local process pool) or `ray` (an address, or "auto": across machines) hands them to the one
    executor (`scenarios.executor`); the stored runs are the same either way. The trade-off curve's points are
    not independent solves (they share one model's equity rounds), so they stay in this process. `reference`:
    the demand to measure every scenario against instead of the book's (a stored run's)."""
    names = [s.name for s in scenarios]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"two scenarios have the same name: {', '.join(duplicates)}")
    if frontier_of is not None and frontier_of not in names:
        raise ValueError(f"no scenario named {frontier_of!r} to sweep; scenarios: {', '.join(names)}")
    inputs = [RunInputs(book, s, need_edits, overrides=dict(overrides or {}), reference=reference) for s in scenarios]
    prepared = [prepare(i) for i in inputs]  # every problem before the first (slow) solve
    outcomes = []
    solved = _solved_elsewhere(prepared, jobs, ray)
    for each, applied, result in zip(inputs, prepared, solved, strict=True):
        if result is None:
            outcome = run(each, applied=applied, store=store, command=command, lang=lang)
        else:
            outcome = Outcome(each, applied, result)
            outcome = store_outcome(store, outcome, command) if store is not None else outcome
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    frontier = None
    if frontier_of is not None:
        n = names.index(frontier_of)
        frontier = run_curve(
            inputs[n], tolerances, applied=prepared[n], store=store, command=f"{command}-frontier", on_point=on_point
        )
    return build_comparison(apply_need_edits(book.instance, need_edits), outcomes, frontier, book.name, lang)
