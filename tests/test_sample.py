"""The illustrative sample municipality: deterministic, the stated magnitudes, consistent, and a real gap
between need-weighted demand and the current (head-count) allocation."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from app.cli.main import main
from optimiser.domain import DemandMode, Instance, InstitutionType
from optimiser.io import format_problems, read_book
from optimiser.need import demand_table
from optimiser.sample import (
    AREAS,
    COMPETENCE_CENTRE,
    COMPETENCE_CENTRES,
    INDICATOR_SPECS,
    SOCIO,
    TEAMS,
    generate,
)

BOOK = Path(__file__).resolve().parents[1] / "data" / "sample" / "kommune.xlsx"

TEAM_NAMES = {
    "Amager Øst",
    "Amager Vest",
    "Ørestad & Islands Brygge",
    "Indre By & Christianshavn",
    "Østerbro Nord",
    "Østerbro Syd",
    "Nørrebro",
    "Nordvest",
    "Bispebjerg",
    "Brønshøj-Husum",
    "Vanløse",
    "Vesterbro",
    "Kongens Enghave",
    "Valby",
}
AREA_NAMES = {
    "Amager",
    "Indre By/Østerbro",
    "Nørrebro/Bispebjerg",
    "Brønshøj-Husum/Vanløse",
    "Vesterbro/Kgs. Enghave/Valby",
}
CENTRE_NAMES = {
    "Frejaskolen",
    "Skolen i Charlottegården",
    "Hafnia/Skolen på Strandboulevarden",
    "Øster Farimagsgades Skole",
    "Blågård Skole",
    "Engskolen",
    "Eksperimentalinstitutionen",
    "Specialklyngen",
}


@pytest.fixture(scope="module")
def sample() -> Instance:
    return generate(1, 2025)


def _types(instance: Instance) -> Counter[InstitutionType]:
    return Counter(i.type for i in instance.institutions)


def test_same_seed_same_instance_other_seed_other_instance() -> None:
    assert generate(1, 2025).model_dump() == generate(1, 2025).model_dump()
    assert generate(2, 7).model_dump() == generate(2, 7).model_dump()
    assert generate(1, 2025).model_dump() != generate(1, 2026).model_dump()


def test_counts_at_scale_1(sample: Instance) -> None:
    assert {a.name for a in sample.areas} == AREA_NAMES
    assert {t.name for t in sample.teams} == TEAM_NAMES
    assert len(sample.teams) == 14
    types = _types(sample)
    assert 60 <= types[InstitutionType.SCHOOL] <= 80
    assert 300 <= types[InstitutionType.DAYCARE] <= 400
    assert 20 <= types[InstitutionType.LEISURE] <= 30
    assert 750 <= len(sample.staff) <= 850
    assert len(sample.professions) == 7


def test_teams_belong_to_the_areas_of_the_consultation(sample: Instance) -> None:
    area_name = {a.id: a.name for a in sample.areas}
    by_area: dict[str, set[str]] = defaultdict(set)
    for t in sample.teams:
        by_area[area_name[t.area_id]].add(t.name)
    assert by_area["Amager"] == {"Amager Øst", "Amager Vest", "Ørestad & Islands Brygge"}
    assert by_area["Indre By/Østerbro"] == {"Indre By & Christianshavn", "Østerbro Nord", "Østerbro Syd"}
    assert by_area["Nørrebro/Bispebjerg"] == {"Nørrebro", "Nordvest", "Bispebjerg"}
    assert by_area["Brønshøj-Husum/Vanløse"] == {"Brønshøj-Husum", "Vanløse"}
    assert by_area["Vesterbro/Kgs. Enghave/Valby"] == {"Vesterbro", "Kongens Enghave", "Valby"}


def test_team_sizes_differ(sample: Instance) -> None:
    per_team = Counter(i.team_id for i in sample.institutions)
    assert min(per_team.values()) >= 1
    assert max(per_team.values()) >= 2 * min(per_team.values())


def test_child_counts_are_credible(sample: Instance) -> None:
    bounds = {
        InstitutionType.SCHOOL: (300, 900),
        InstitutionType.DAYCARE: (20, 150),
        InstitutionType.LEISURE: (100, 400),
    }
    for inst in sample.institutions:
        low, high = bounds[inst.type]
        assert low <= inst.children <= high, inst


def test_competence_centres(sample: Instance) -> None:
    centres = {i.id: i for i in sample.institutions if i.name in CENTRE_NAMES}
    assert {i.name for i in centres.values()} == CENTRE_NAMES
    assert sum(i.type is InstitutionType.SCHOOL for i in centres.values()) == 6
    assert sum(i.type is InstitutionType.DAYCARE for i in centres.values()) == 2
    attached = [s for s in sample.staff if s.competence_centre is not None]
    assert {s.competence_centre for s in attached} == set(centres)
    for s in attached:
        assert s.profession == COMPETENCE_CENTRE
        assert s.competence_centre is not None
        assert s.current_team_id == centres[s.competence_centre].team_id
    assert all(s.competence_centre is not None for s in sample.staff if s.profession == COMPETENCE_CENTRE)
    # at least one centre in every area
    team_area = {t.id: t.area_id for t in sample.teams}
    assert {team_area[i.team_id] for i in centres.values()} == {a.id for a in sample.areas}


def test_staff_are_pseudonymous_with_a_part_time_mix(sample: Instance) -> None:
    for s in sample.staff:
        assert re.fullmatch(r"M\d{4}", s.id)
        assert s.name is None
        assert 0 < s.fte <= 1
        assert round(s.fte * 100) == pytest.approx(s.fte * 100)
    ftes = Counter(s.fte for s in sample.staff)
    assert ftes[1.0] > len(sample.staff) / 2
    assert len(ftes) >= 4


def test_staff_stay_in_their_area_and_locks_are_few(sample: Instance) -> None:
    team_area = {t.id: t.area_id for t in sample.teams}
    locked = [s for s in sample.staff if s.locked_team_id is not None]
    assert 0 < len(locked) <= 0.02 * len(sample.staff)
    for s in sample.staff:
        assert team_area[s.current_team_id] == s.area_id
        if s.locked_team_id is not None:
            assert team_area[s.locked_team_id] == s.area_id


def test_professions_and_weights(sample: Instance) -> None:
    weighted = {w.profession for w in sample.need_weights}
    assert weighted == {p.id for p in sample.professions}
    minimum = {p.id: p.min_per_team for p in sample.professions}
    assert minimum["pædagogisk_konsulent"] == 2
    assert minimum["psykolog"] == 2
    for p in sample.professions:
        assert 550_000 <= p.annual_cost_dkk <= 750_000
        assert p.practice_share == 0.8
        assert p.norm_children_per_fte is not None
    # the current allocation already meets every team minimum
    headcount = Counter((s.current_team_id, s.profession) for s in sample.staff)
    for t in sample.teams:
        for p in sample.professions:
            assert headcount[t.id, p.id] >= p.min_per_team


def test_indicators_apply_to_their_types_and_follow_the_district_gradient(sample: Instance) -> None:
    for inst in sample.institutions:
        assert inst.indicators[SOCIO] is not None
        for name, spec in INDICATOR_SPECS.items():
            assert (inst.indicators[name] is not None) == (inst.type in spec.types), (inst.id, name)
    name_of = {t.id: t.name for t in sample.teams}
    socio: dict[str, list[float]] = defaultdict(list)
    for inst in sample.institutions:
        value = inst.indicators[SOCIO]
        assert value is not None
        socio[name_of[inst.team_id]].append(value)
    mean = {team: statistics.fmean(values) for team, values in socio.items()}
    for needy in ("Nordvest", "Bispebjerg", "Kongens Enghave"):
        for affluent in ("Østerbro Nord", "Indre By & Christianshavn", "Vanløse"):
            assert mean[needy] > mean[affluent]


def test_demand_differs_from_current_supply(sample: Instance) -> None:
    rows = demand_table(sample, DemandMode.FAIR_SHARE)
    coverage = [r.coverage for r in rows if r.coverage is not None and r.profession != COMPETENCE_CENTRE]
    assert sum(c < 0.9 for c in coverage) >= 5
    assert sum(c > 1.1 for c in coverage) >= 5
    # ... but not absurdly: the head-count allocation is within ±50 % of need for the ordinary professions
    assert all(0.5 < c < 1.5 for c in coverage)


def test_norm_mode_has_demand_everywhere(sample: Instance) -> None:
    # Competence-centre staff are all in pools: their profession has no district-team demand (docs/method.md).
    rows = [r for r in demand_table(sample, DemandMode.NORM) if r.profession != COMPETENCE_CENTRE]
    assert all(r.demand_fte > 0 for r in rows)


def test_scale_3_has_three_copies_with_unique_ids() -> None:
    one, three = generate(1, 2025), generate(3, 2025)
    assert len(three.areas) == 3 * len(one.areas) == 3 * len(AREAS)
    assert len(three.teams) == 3 * len(one.teams) == 3 * len(TEAMS)
    assert len(three.institutions) == 3 * len(one.institutions)
    assert len(three.staff) == 3 * len(one.staff)
    assert _types(three) == Counter({k: 3 * v for k, v in _types(one).items()})
    for ids in (
        [a.id for a in three.areas],
        [t.id for t in three.teams],
        [i.id for i in three.institutions],
        [s.id for s in three.staff],
    ):
        assert len(ids) == len(set(ids))
    assert "Amager-2" in {a.name for a in three.areas}
    assert sum(1 for s in three.staff if s.competence_centre) == 3 * sum(1 for s in one.staff if s.competence_centre)
    assert len({i.name for i in three.institutions if i.name.startswith("Frejaskolen")}) == 3
    assert len(COMPETENCE_CENTRES) == 8


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError):
        generate(0)


def _read(path: Path) -> Instance:
    """The instance in a workbook, read as the command line reads it."""
    result = read_book(path)
    assert result.instance is not None, format_problems(result.problems, "en")
    instance: Instance = result.instance
    return instance


def test_committed_book_equals_the_generator(sample: Instance) -> None:
    assert BOOK.exists(), "run `make sample` to write data/sample/kommune.xlsx"
    assert _read(BOOK).model_dump() == sample.model_dump(), "data/sample/kommune.xlsx is stale: run `make sample`"


def test_sample_command_writes_a_book_that_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "k.xlsx"
    assert main(["sample", "--scale", "2", "--seed", "11", "--out", str(out)]) == 0
    assert _read(out).model_dump() == generate(2, 11).model_dump()
