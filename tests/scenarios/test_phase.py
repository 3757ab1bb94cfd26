"""The transition plan, step by step, on a two-team instance small enough to work out by hand.

Teams A and B (one area), one school each with 100 children and equal need; one profession, `psy`, practice
share 0.8. Today everyone is in A: p1 and p2 (1.0 FTE each), p3 and p4 (0.5 FTE each), 3.0 FTE in all, so
practice-near 2.4 FTE and a demand of 1.2 in each team (fair share). Today A has 2.4, B nothing (100 % short).

With at most one move per step (two steps, 1 August 2026 and 2027) the optimal path is:

* step 1: one 1.0-FTE person to B — B 0.8 of 1.2 (33.3 % short), A 1.6; a 0.5-FTE person instead would
  leave B 66.7 % short, so leximin picks a 1.0;
* step 2: one 0.5-FTE person to B — both teams 1.5 FTE = 1.2 practice-near, nobody short; the other 1.0
  instead would leave A 0.8 (33.3 % short).

Two moves in all, the one-step plan's two (B needs 1.5 FTE: one 1.0 and one 0.5), and nobody moved twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from instances import make_instance, two_team_town
from openpyxl import load_workbook
from pptx import Presentation
from samplepaths import EXAMPLES, SAMPLE_BOOK

from app.cli.main import main
from optimiser.domain import Instance
from optimiser.explain import render
from optimiser.export.phase import write_phase_book
from optimiser.io import write_book
from optimiser.settings import SolverSettings
from optimiser.solve import solve
from optimiser.transition import PhasePlan, PhaseStep, levels, reach_text, shortfall_against
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.phase import next_school_year, plan_phase, step_dates
from scenarios.schema import load_scenario, parse_scenario
from scenarios.service import Book, load_book

STEP_1, STEP_2 = dt.date(2026, 8, 1), dt.date(2027, 8, 1)


town = two_team_town


def planned(steps: str, instance: Instance | None = None) -> PhasePlan:
    book = Book("town.xlsx", b"", instance or town())
    return plan_phase(book, parse_scenario(f"name: overgang\nsteps:\n{steps}", "s.yaml")).plan


TWO_STEPS = """
  - {date: 2026-08-01, max_moves: 1}
  - {date: 2027-08-01, max_moves: 1}
"""


def coverage(step: PhaseStep) -> dict[str, float | None]:
    return {c.team_id: c.coverage for c in step.coverage}


def fte_of(step: PhaseStep) -> dict[str, float]:
    return {a.staff_id: a.fte for a in step.assignments}


def test_the_hand_worked_path_is_the_optimal_one() -> None:
    plan = planned(TWO_STEPS)
    first, second = plan.steps
    assert [s.date for s in plan.steps] == [STEP_1, STEP_2]
    assert [s.status for s in plan.steps] == ["optimal", "optimal"]
    assert [(m.fte, m.from_team_id, m.to_team_id, m.date) for m in first.moves] == [(1.0, "A", "B", STEP_1)]
    assert [(m.fte, m.from_team_id, m.to_team_id, m.date) for m in second.moves] == [(0.5, "A", "B", STEP_2)]
    assert first.moves[0].staff_id != second.moves[0].staff_id  # nobody moved twice
    assert coverage(first) == pytest.approx({"A": 1.6 / 1.2, "B": 0.8 / 1.2})
    assert coverage(second) == pytest.approx({"A": 1.0, "B": 1.0})
    assert first.kpis is not None and first.kpis.max_relative_shortfall == pytest.approx(1 / 3)
    assert second.kpis is not None and second.kpis.max_relative_shortfall == pytest.approx(0.0)
    assert [s.checker for s in plan.steps] == [(), ()]  # every step passes the independent checker
    assert plan.target.moves == 2 and plan.target.levels == pytest.approx((0.0, 0.0))
    assert plan.reach.reached and plan.reach.binding == ()


def test_the_distance_from_target_in_fte_and_kroner() -> None:
    plan = planned(TWO_STEPS)
    rows = {d.team_id: d for d in plan.distance}
    assert rows["A"].today_fte == pytest.approx(2.4) and rows["B"].today_fte == pytest.approx(0.0)
    assert rows["A"].target_fte == pytest.approx(1.2) and rows["B"].target_fte == pytest.approx(1.2)
    assert rows["A"].fte == pytest.approx((-0.4, 0.0)) and rows["B"].fte == pytest.approx((0.4, 0.0))
    # 0.4 practice-near FTE is 0.5 FTE of staff at 600,000 kr. (against the book's reference the demand is summed
    # in another order: float noise of 1e-10 kr.)
    assert rows["B"].dkk == pytest.approx((300_000.0, 0.0), abs=1e-6)


def test_a_post_that_ends_at_step_2_changes_step_2_only() -> None:
    base = planned(TWO_STEPS)
    ended = planned(
        """
  - {date: 2026-08-01, max_moves: 1}
  - {date: 2027-08-01, max_moves: 1, end: [{profession: psy, fte: 0.5, team: A}]}
"""
    )
    keep = {"assignments", "coverage", "kpis", "moves", "status", "changes"}
    assert ended.steps[0].model_dump(include=keep) == base.steps[0].model_dump(include=keep)
    second = ended.steps[1]
    # 2.5 FTE left against the book's demand, 1.2 each (the fixed reference; before it, demand fell to 1.0
    # each with the post): A keeps 1.5 FTE (1.2, covered), B its 1.0 (0.8, 33 % short); a 0.5 move would only
    # move the shortfall to A
    assert [(c.action, c.team_id, c.fte) for c in second.changes] == [("remove", "A", 0.5)]
    assert second.moves == ()
    assert coverage(second) == pytest.approx({"A": 1.0, "B": 2 / 3})
    assert sum(fte_of(second).values()) == pytest.approx(2.5)
    assert second.checker == ()
    assert ended.reach.reached  # the one-step plan with the post ended is 33 % short too


def test_a_pace_floor_holds_at_every_step() -> None:
    plan = planned(TWO_STEPS + "pace: {floor: 0.6}\n")
    for step in plan.steps:
        assert step.floor_held and step.limits.floor == 0.6
        assert min(v for v in coverage(step).values() if v is not None) >= 0.6
    # B reaches at most 0.8 of 1.2 (66.7 %) with one move: a 70 % floor cannot hold at step 1, and says so
    high = planned(TWO_STEPS + "pace: {floor: 0.7}\n")
    assert [s.floor_held for s in high.steps] == [False, True]
    first = render(high.steps[0].explanation, "da")[0]
    assert first.startswith("Tempoets gulv på 70 % holder ikke på dette trin")
    assert "66,7 %" in first


def test_a_cap_per_profession_gives_the_same_path() -> None:
    plan = planned(
        """
  - {date: 2026-08-01, max_moves_per_profession: 1}
  - {date: 2027-08-01, max_share_moved: 0.25}
"""
    )
    assert [[m.fte for m in s.moves] for s in plan.steps] == [[1.0], [0.5]]
    assert [s.limits.max_moves_per_profession for s in plan.steps] == [{"psy": 1}, {"psy": 1}]
    assert [s.checker for s in plan.steps] == [(), ()]


def test_the_workbook_lists_every_steps_caps_by_name(tmp_path: Path) -> None:
    plan = planned(
        """
  - {date: 2026-08-01, max_moves_per_team: 1, max_moves_per_profession: "50 %"}
  - {date: 2027-08-01, max_moves: 1}
"""
    )
    instance = town()
    out = tmp_path / "plan.xlsx"
    write_phase_book(instance, solve(instance), plan, out)
    rows = list(load_workbook(out)["Trin"].iter_rows(values_only=True))
    caps = [r[:4] for r in rows if r[0] in ("Lofter pr. team (medarbejdere, der forlader det)", "Lofter pr. faggruppe")]
    assert caps == [
        ("Lofter pr. team (medarbejdere, der forlader det)", "Team A", 1, None),
        ("Lofter pr. faggruppe", "Psy", 2, None),
    ]


def test_a_cap_per_team_gives_the_same_path_and_holds_at_every_step() -> None:
    # at most one person leaves a team per step: the hand-worked path (the cap binds in A at both steps)
    plan = planned(
        """
  - {date: 2026-08-01, max_moves_per_team: 1}
  - {date: 2027-08-01, max_moves_per_team: {A: "50 %", B: 0}}
"""
    )
    assert [[m.fte for m in s.moves] for s in plan.steps] == [[1.0], [0.5]]
    # step 1: only A has people; step 2: half of A's 3, rounded down, and nobody from B (the 1.0 moved there)
    assert [s.limits.max_moves_per_team for s in plan.steps] == [{"A": 1}, {"A": 1, "B": 0}]
    assert [s.checker for s in plan.steps] == [(), ()]


def test_a_path_that_falls_short_says_by_how_much_and_which_limit_binds() -> None:
    plan = planned("  - {date: 2026-08-01, max_moves: 1}\n")
    assert not plan.reach.reached
    assert plan.reach.short_by == pytest.approx(1 / 3, abs=1e-4) and plan.reach.rank == 1
    assert plan.reach.binding == ("max_moves",)


def test_a_pace_share_caps_the_moves_still_needed() -> None:
    # the target needs 2 moves; half of them per step: 1, then half of the 1 left, rounded up: 1
    plan = planned("  - {date: 2026-08-01}\n  - {date: 2027-08-01}\npace: {share: 0.5}\n")
    assert [s.limits.max_moves for s in plan.steps] == [1, 1]
    assert [len(s.moves) for s in plan.steps] == [1, 1]


def test_posts_bought_at_a_step_are_people_from_the_next() -> None:
    plan = planned(
        """
  - {date: 2026-08-01, max_moves: 1, budget_dkk: 300000}
  - {date: 2027-08-01, max_moves: 0}
"""
    )
    first, second = plan.steps
    # step 1: a 1.0 to B and 0.5 FTE bought there (300,000 kr. at 600,000 a year): B 0.8 + 0.4 = its 1.2
    assert [(p.team_id, p.fte, p.cost_dkk) for p in first.new_posts] == [("B", 0.5, 300_000.0)]
    assert coverage(first) == pytest.approx({"A": 1.6 / 1.2, "B": 1.0})
    # step 2: the post is a person in B; measured against the book's demand, 1.2 each (the fixed reference;
    # before it, the 3.5 FTE shared out to 1.4 each), B stays covered
    assert fte_of(second)["T1-001"] == 0.5
    assert {a.staff_id: a.team_id for a in second.assignments}["T1-001"] == "B"
    assert coverage(second) == pytest.approx({"A": 1.6 / 1.2, "B": 1.0})
    assert second.new_posts == () and second.limits.budget_dkk is None


def test_the_workbooks_steps_are_planned_and_a_scenarios_own_win(tmp_path: Path) -> None:
    # the sheet Trin holds the hand-worked path's steps (one move each: "25 %" of A's 4 people, then 1)
    path = tmp_path / "town.xlsx"
    write_book(town(), path)
    workbook = load_workbook(path)
    sheet = workbook["Trin"]
    sheet.append([dt.datetime(2026, 8, 1), "Første trin", None, "25 %", None, None])
    sheet.append(["2027-08-01", "Andet trin", 1, None, None, None])
    workbook.save(path)
    book = load_book(path)
    assert [(s.date, s.max_moves, s.max_moves_per_team) for s in book.instance.steps] == [
        (STEP_1, None, 0.25),
        (STEP_2, 1, None),
    ]
    plan = plan_phase(book, parse_scenario("name: fra_arket\n", "s.yaml")).plan
    assert [s.title for s in plan.steps] == ["Første trin", "Andet trin"]
    assert [[m.fte for m in s.moves] for s in plan.steps] == [[1.0], [0.5]]
    assert [(s.limits.max_moves, s.limits.max_moves_per_team) for s in plan.steps] == [(None, {"A": 1}), (1, {})]
    own = plan_phase(book, parse_scenario("steps:\n  - {date: 2028-08-01, max_moves: 2}\n", "s.yaml")).plan
    assert [s.date for s in own.steps] == [dt.date(2028, 8, 1)]


def test_a_scenario_without_steps_is_refused() -> None:
    book = Book("town.xlsx", b"", town())
    with pytest.raises(ScenarioError) as caught:
        plan_phase(book, parse_scenario("name: x\n", "s.yaml"))
    assert "s.yaml: steps: scenariet har ingen trin" in format_scenario_problems(caught.value.problems)


def test_steps_without_dates_fall_on_the_school_year() -> None:
    spec = parse_scenario("steps: [{}, {date: 2028-01-01}, {}]", "s.yaml").spec
    assert step_dates(spec.steps, dt.date(2026, 3, 1)) == [
        dt.date(2026, 8, 1),
        dt.date(2028, 1, 1),
        dt.date(2028, 8, 1),
    ]
    assert next_school_year(dt.date(2026, 8, 1)) == dt.date(2027, 8, 1)
    assert step_dates(spec.steps[:1], dt.date(2026, 8, 1)) == [dt.date(2026, 8, 1)]


def test_the_command_writes_plan_json_the_workbook_and_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, scenario = tmp_path / "town.xlsx", tmp_path / "s.yaml"
    write_book(town(), book)
    scenario.write_text("name: overgang\ntitle: To trin\nsteps:\n" + TWO_STEPS, encoding="utf-8")
    out, xlsx, pptx = tmp_path / "PLAN.json", tmp_path / "plan.xlsx", tmp_path / "plan.pptx"
    args = ["phase", str(book), "--scenario", str(scenario), "--out", str(out), "--xlsx", str(xlsx)]
    assert main([*args, "--pptx", str(pptx), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    assert "2026-08-01" in printed and "2027-08-01" in printed
    assert "Sidste trin når ettrinsplanens lighedsniveauer" in printed
    assert "Trinene er gemt som kørsel nr. 1, 2" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["date"] for s in data["steps"]] == ["2026-08-01", "2027-08-01"]
    assert set(data["steps"][0]) >= {"date", "assignments", "coverage", "kpis", "moves"}
    assert set(data["steps"][0]["assignments"][0]) == {"staff_id", "team_id", "fte"}
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames[-6:] == [
        "Trin",
        "Flytninger",
        "Dækning pr. trin",
        "Afstand til mål",
        "Metode",
        "Teknisk bilag",
    ]
    # the dated move list: when, which step, who, from, to, by display name
    moves = [r for r in workbook["Flytninger"].iter_rows(values_only=True) if r[0] in ("2026-08-01", "2027-08-01")]
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in moves] == [
        ("2026-08-01", "Psy", 1.0, "Team A", "Team B"),
        ("2027-08-01", "Psy", 0.5, "Team A", "Team B"),
    ]
    coverage = [r for r in workbook["Dækning pr. trin"].iter_rows(values_only=True) if r[0] in ("Team A", "Team B")]
    assert [(r[0], r[1]) for r in coverage] == [("Team A", "Psy"), ("Team B", "Psy")]
    assert [round(v, 4) for v in coverage[1][2:]] == [0.0, round(0.8 / 1.2, 4), 1.0]  # today, step 1, step 2
    assert pptx.stat().st_size > 0
    again = tmp_path / "again.pptx"
    assert main(["deck", str(out), "--out", str(again)]) == 0  # the deck command reads PLAN.json too
    assert Presentation(str(again)).slides[1].shapes.title.text == "Dækning pr. team undervejs"
    slide = Presentation(str(pptx)).slides[1]  # written with the book: its names
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    # given last first, so that a bar chart shows the teams from the top and each team from today down
    assert list(chart.plots[0].categories) == ["Team B", "Team A"]
    assert [series.name for series in chart.plots[0].series] == ["2027-08-01", "2026-08-01", "I dag"]
    notes = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title]
    assert any(n.startswith("To trin. Sidste trin når ettrinsplanens lighedsniveauer") for n in notes)


def test_the_command_names_a_bad_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, scenario = tmp_path / "town.xlsx", tmp_path / "s.yaml"
    write_book(town(), book)
    scenario.write_text("steps:\n  - {date: 2026-08-01, leave: [p9]}\n", encoding="utf-8")
    assert main(["phase", str(book), "--scenario", str(scenario), "--out", str(tmp_path / "p.json")]) == 2
    assert (
        "s.yaml:2: steps[1].leave[1]: medarbejderen 'p9' findes ikke; mulige: p1, p2, p3, p4" in capsys.readouterr().out
    )


@pytest.fixture(scope="module")
def sample_plan() -> PhasePlan:
    """The phased example (the 14 teams in two steps, at most 10 % of each profession per step) on the sample."""
    scenario = load_scenario(next(p for p in EXAMPLES if "i_trin" in p.stem))
    return plan_phase(load_book(SAMPLE_BOOK), scenario).plan


def test_on_the_sample_the_caps_hold_and_every_step_passes_the_checker(sample_plan: PhasePlan) -> None:
    heads = Counter(s.profession for s in load_book(SAMPLE_BOOK).instance.staff)
    for step in sample_plan.steps:
        assert step.kpis is not None and step.checker == ()
        moved = Counter(m.profession for m in step.moves)
        assert step.limits.max_moves_per_profession == {p: n // 10 for p, n in heads.items()}
        assert all(moved[p] <= cap for p, cap in step.limits.max_moves_per_profession.items())


def test_on_the_sample_the_last_step_says_how_far_it_is_from_the_one_step_plan(sample_plan: PhasePlan) -> None:
    final = levels(sample_plan.steps[-1].coverage)
    short_by, rank = shortfall_against(final, sample_plan.target.levels)
    assert (sample_plan.reach.short_by, sample_plan.reach.rank) == pytest.approx((short_by, rank))
    if not sample_plan.reach.reached:  # 10 % a step is too slow for the competence centres' staff in two steps
        assert sample_plan.reach.binding  # and the output names the limit that binds
        assert "percentage points" in reach_text(sample_plan, "en")


@pytest.mark.parametrize("arrives", ["B", "C"])
def test_the_target_guides_a_step_where_the_step_alone_cannot_choose(arrives: str) -> None:
    """Teams A, B and C, one school each (100 children); p1, p2, p3 (1.0 FTE each) in A. A 1.0-FTE post
    arrives in one of B and C at step 2. Step 1 (one move): to B or to C is the same for the step (the other
    is 100 % short either way). The target (the post there from the start) moves one person to the team the
    post does not go to; following it, step 2 needs no move: 1 move in all, as the target. The other choice
    would take a second move at step 2 to reach the same levels. (Contacts are off: with one move a team
    stays empty at step 1 and could name no contact.)"""
    other = "C" if arrives == "B" else "B"
    town = make_instance(
        {"A": "X", "B": "X", "C": "X"},
        [("a1", "A", 100), ("b1", "B", 100), ("c1", "C", 100)],
        [("p1", "psy", 1.0, "A"), ("p2", "psy", 1.0, "A"), ("p3", "psy", 1.0, "A")],
        solver=SolverSettings(workers=1, time_limit_s=30),
    )
    plan = planned(
        f"""
  - {{date: 2026-08-01, max_moves: 1}}
  - {{date: 2027-08-01, max_moves: 1, add: [{{profession: psy, fte: 1, team: {arrives}}}]}}
policy: {{disabled_rules: [contact-load]}}
""",
        town,
    )
    assert plan.target.moves == 1
    assert [[m.to_team_id for m in s.moves] for s in plan.steps] == [[other], []]
    assert plan.reach.reached


def test_a_step_without_a_plan_keeps_everyone_and_is_not_compared() -> None:
    # nobody may move: B keeps nobody to be its school's contact, so the rules clash at the step
    plan = planned("  - {date: 2026-08-01, max_moves: 0}\n")
    (step,) = plan.steps
    assert step.status == "infeasible" and step.kpis is None and step.moves == ()
    assert any(r.args.get("rule_id") == "max-moves" for r in step.explanation)
    assert not plan.reach.reached
    assert reach_text(plan).startswith("Sidste trin eller ettrinsplanen har ingen plan")
