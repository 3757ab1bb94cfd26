"""The fixed reference demand (optimiser/reference.py), through the run service, worked out by hand.

The pair: teams A and B in one area; school sA (100 children) in A, sB (300) in B; twenty psychologists of
0.5 FTE (10 FTE), five in A and fifteen in B; practice share 0.8. The book's demand distributes 10 x 0.8 =
8.0 practice-near FTE by children: A 2.0, B 6.0, which today's staff meet exactly (no shortfall).

* A 10 % cut takes 1.0 FTE (two people). Against the book's demand, supply 9 x 0.8 = 7.2 of 8.0: the best plan
  (A five people 2.0, B thirteen 5.2: largest 13.3 % rather than 20 % with A four) leaves no cell above its
  demand, so total shortfall rises by exactly 8.0 - 7.2 = 0.8 FTE. Re-normalised to its own 9 FTE (before
  the reference) demand fell to A 1.8, B 5.4 and the cut showed almost no shortfall.
* The 80/20 rule off: demand is counted at all of the time too, 10 FTE: A 2.5, B 7.5; supply 2.5 and 7.5.
* Practice share 0.6: supply 10 x 0.6 = 6.0 against the book's 8.0: 2.0 FTE short.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from instances import make_instance

from optimiser.check import verify
from optimiser.domain import DemandMode, Instance, Parameters
from optimiser.io import write_book
from optimiser.reference import book_reference, describe, run_reference, shown, with_reference
from optimiser.settings import SolverSettings
from scenarios import service
from scenarios.schema import parse_scenario
from scenarios.store import RunStore

STAFF = [(f"m{n:02d}", "psy", 0.5, "A" if n < 5 else "B") for n in range(20)]


def pair() -> Instance:
    return make_instance(
        {"A": "x", "B": "x"},
        [("sA", "A", 100), ("sB", "B", 300)],
        STAFF,
        solver=SolverSettings(deterministic=True, workers=1, time_limit_s=30),
    )


def solved(text: str, instance: Instance | None = None) -> service.Outcome:
    scenario = parse_scenario(text, "s.yaml", default_name="s") if text else None
    outcome = service.run(service.RunInputs(service.generated("pair", instance or pair()), scenario))
    applied = outcome.applied
    assert verify(applied.instance, outcome.result, applied.params, applied.structure) == []
    return outcome


def demand(outcome: service.Outcome) -> dict[str, float]:
    return {c.team_id: round(c.demand_fte, 9) for c in outcome.result.coverage}


def test_the_book_reference_is_todays_practice_near_fte() -> None:
    ref = book_reference(pair(), Parameters(), "ab" * 32)
    assert (ref.kind, ref.mode, ref.basis, ref.staff_fte) == ("book", DemandMode.FAIR_SHARE, {"psy": 1.0}, 10.0)
    assert ref.practice_fte == {"psy": pytest.approx(8.0)}
    off = book_reference(pair(), Parameters(disabled_rules=frozenset({"practice-share"})))
    assert off.practice_fte == {"psy": 10.0} and off.basis == {"psy": pytest.approx(1.25)}


def test_a_ten_percent_cut_raises_total_shortfall_by_the_exact_fte() -> None:
    base, cut = solved(""), solved("changes:\n  - cut: {share: 0.1}\n")
    assert base.result.kpis is not None and cut.result.kpis is not None
    assert base.result.kpis.total_shortfall_fte == pytest.approx(0.0, abs=1e-9)
    assert sum(s.fte for s in cut.applied.instance.staff) == pytest.approx(9.0)
    assert demand(cut) == demand(base) == {"A": 2.0, "B": 6.0}  # the book's demand, not the cut's own
    assert cut.result.kpis.total_shortfall_fte == pytest.approx(0.8, abs=1e-6)
    assert cut.result.kpis.max_relative_shortfall == pytest.approx(0.8 / 6.0, abs=1e-4)  # B 5.2 of 6.0
    assert cut.result.reference == cut.applied.instance.reference
    assert cut.result.reference is not None and cut.result.reference.staff_fte == 10.0


def test_with_the_80_20_rule_off_demand_and_supply_stay_on_one_basis() -> None:
    off = solved("policy:\n  disabled_rules: [practice-share]\n")
    assert demand(off) == {"A": 2.5, "B": 7.5}
    assert off.result.kpis is not None and off.result.kpis.max_relative_shortfall == pytest.approx(0.0, abs=1e-9)


def test_a_lower_practice_share_shows_as_shortfall_against_the_same_demand() -> None:
    low = solved("policy:\n  practice_share: {psy: 0.6}\n")
    assert demand(low) == {"A": 2.0, "B": 6.0}
    assert low.result.kpis is not None and low.result.kpis.total_shortfall_fte == pytest.approx(2.0, abs=1e-6)


def test_a_stored_run_can_be_the_reference(tmp_path: Path) -> None:
    write_book(pair(), tmp_path / "pair.xlsx")
    book = service.load_book(tmp_path / "pair.xlsx")
    store = RunStore()
    try:
        cut = service.run(
            service.RunInputs(book, parse_scenario("changes:\n  - cut: {share: 0.1}\n", "c.yaml")), store=store
        )
        assert cut.run_id is not None
        ref = service.stored_reference(store, cut.run_id)
        assert (ref.kind, ref.run_id, ref.staff_fte) == ("run", cut.run_id, 9.0)
        assert ref.practice_fte == {"psy": pytest.approx(7.2)}
        measured = service.run(service.RunInputs(book, reference=ref), store=store)
        assert demand(measured) == {"A": 1.8, "B": 5.4}  # the cut's 7.2 FTE distributed 1:3
        assert measured.result.reference == ref
        rerun = service.inputs_of(store, store.get(measured.run_id or 0) or pytest.fail("not stored"))
        assert rerun.reference == ref
        with pytest.raises(ValueError, match="no stored run"):
            service.stored_reference(store, 10_000)
    finally:
        store.close()


def test_a_run_reference_needs_a_plan() -> None:
    outcome = solved("")
    ref = run_reference(outcome.result, 7)
    assert (ref.staff_fte, ref.run_id) == (10.0, 7)
    assert ref.practice_fte == {"psy": pytest.approx(8.0)}
    with pytest.raises(ValueError, match="no plan"):
        run_reference(outcome.result.model_copy(update={"kpis": None}), 7)


def test_every_output_says_what_it_is_measured_against() -> None:
    ref = book_reference(pair(), Parameters(), "0123456789abcdef")
    assert describe(ref) == "arbejdsbogens behov (fordeling: 10,00 årsværk i dag), arbejdsbog 0123456789ab"
    assert (
        shown(ref, "en") == "Measured against: the workbook's demand (fair share: 10.00 FTE today), book 0123456789ab"
    )
    assert describe(None, "en") == "the run's own staff (no fixed reference)"
    instance = pair()
    assert with_reference(instance, None) is instance
    assert with_reference(instance, ref).reference == ref
