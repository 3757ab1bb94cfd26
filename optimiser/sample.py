"""An illustrative, Copenhagen-like municipality generated from a seed, and N copies of it for benchmarks.

ILLUSTRATIVE DATA. The names of the 5 areas and the 14 district teams come from Copenhagen's 2025
consultation document (seeds/000), the 8 competence centres from the 2021 status note (seeds/002). Every
number -- child counts, need indicators, staff, FTE, costs -- is made up: reasoned estimates of the right
magnitude, not Copenhagen's data. `data/sample/README.md` says where each magnitude comes from.

`generate(scale, seed)` is pure and deterministic: one `random.Random(seed)` drives every draw, and the
entity counts do not depend on the seed (only the attributes do). With `scale` N > 1 the municipality is
repeated N times; copy k >= 2 suffixes every id and name with `-k` ("Amager-2"). Each copy draws its own
attributes, so the copies are alike in shape but not identical.

How the data is shaped:

* each district team has a relative size (children) and a socio-economic need index (100 = average);
* institutions are spread over the teams by size; their indicators follow the team's index times
  institution noise, so need varies credibly (high in Nordvest, Bispebjerg, Kongens Enghave; low in
  Østerbro, Indre By, Vanløse);
* staff were placed *historically by head count* (children served) with noise, not by need, so the
  need-weighted demand differs from the current supply by roughly 10-30 % per team and profession:
  that gap is what the optimiser closes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from optimiser.domain import (
    Area,
    Catchment,
    Contact,
    Indicator,
    Instance,
    Institution,
    InstitutionType,
    NeedWeight,
    Parameters,
    Pool,
    PoolKind,
    Profession,
    Staff,
    StartTeam,
    StructureAssignment,
    Team,
)

SKOLE, DAGTILBUD, FRITID = InstitutionType.SCHOOL, InstitutionType.DAYCARE, InstitutionType.LEISURE

# ---------------------------------------------------------------------------------------------------------
# Structure. Areas and teams: seeds/000 (2025 consultation, scenario 1: 14 district teams in the 5 areas;
# Christianshavn merged with Indre By, Amager split into three teams).
# ---------------------------------------------------------------------------------------------------------

AREAS: tuple[tuple[str, str], ...] = (
    ("amager", "Amager"),
    ("indre_by_østerbro", "Indre By/Østerbro"),
    ("nørrebro_bispebjerg", "Nørrebro/Bispebjerg"),
    ("brønshøj_husum_vanløse", "Brønshøj-Husum/Vanløse"),
    ("vesterbro_kgs_enghave_valby", "Vesterbro/Kgs. Enghave/Valby"),
)


@dataclass(frozen=True)
class TeamSpec:
    """A district team of the sample: where it is, how big its district is and how needy."""

    id: str
    name: str
    area_id: str
    size: float  # relative number of children in the district; estimate from district populations
    need_index: float  # district socio-economic need index, 100 = municipal average; estimate


# Sizes: reasoned estimates of the districts' child populations (Nørrebro, Amager Vest, Valby large;
# Kongens Enghave small). Need index: estimates in the direction of Copenhagen's known socio-economic
# gradient (Nordvest, Bispebjerg, Kongens Enghave, parts of Amager high; Østerbro, Indre By, Vanløse low).
TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("amager_øst", "Amager Øst", "amager", 1.05, 108.0),
    TeamSpec("amager_vest", "Amager Vest", "amager", 1.15, 112.0),
    TeamSpec("ørestad_islands_brygge", "Ørestad & Islands Brygge", "amager", 1.00, 88.0),
    TeamSpec("indre_by_christianshavn", "Indre By & Christianshavn", "indre_by_østerbro", 0.80, 86.0),
    TeamSpec("østerbro_nord", "Østerbro Nord", "indre_by_østerbro", 0.95, 84.0),
    TeamSpec("østerbro_syd", "Østerbro Syd", "indre_by_østerbro", 0.85, 86.0),
    TeamSpec("nørrebro", "Nørrebro", "nørrebro_bispebjerg", 1.25, 114.0),
    TeamSpec("nordvest", "Nordvest", "nørrebro_bispebjerg", 0.95, 126.0),
    TeamSpec("bispebjerg", "Bispebjerg", "nørrebro_bispebjerg", 0.80, 121.0),
    TeamSpec("brønshøj_husum", "Brønshøj-Husum", "brønshøj_husum_vanløse", 0.90, 104.0),
    TeamSpec("vanløse", "Vanløse", "brønshøj_husum_vanløse", 0.75, 85.0),
    TeamSpec("vesterbro", "Vesterbro", "vesterbro_kgs_enghave_valby", 1.00, 96.0),
    TeamSpec("kongens_enghave", "Kongens Enghave", "vesterbro_kgs_enghave_valby", 0.50, 123.0),
    TeamSpec("valby", "Valby", "vesterbro_kgs_enghave_valby", 1.15, 100.0),
)

# ---------------------------------------------------------------------------------------------------------
# Institutions. Counts are estimates of Copenhagen's order of magnitude (about 70 public schools, a few
# hundred daycare units, a couple of dozen leisure centres); they are fixed, so every seed and every copy has
# exactly these numbers.
# ---------------------------------------------------------------------------------------------------------

SCHOOLS = 70  # estimate: Copenhagen has about 70 public schools ("folkeskoler")
DAYCARE_UNITS = 350  # estimate: daycare units ("dagtilbud") in clusters
LEISURE_CENTRES = 25  # estimate: leisure centres ("fritidscentre"), added to the model after the consultation

# Children enrolled, drawn from a triangular distribution (low, high, mode); estimates.
SCHOOL_CHILDREN = (300, 900, 560)
DAYCARE_CHILDREN = (20, 150, 65)
LEISURE_CHILDREN = (100, 400, 220)

# The 8 competence centres of 2021 (seeds/002: six schools and two daycare units) and the team each is
# placed in. The names are real; the placement is illustrative (plausible districts, at least one per area).
COMPETENCE_CENTRES: tuple[tuple[str, InstitutionType, str], ...] = (
    ("Frejaskolen", SKOLE, "valby"),
    ("Skolen i Charlottegården", SKOLE, "amager_vest"),
    ("Hafnia/Skolen på Strandboulevarden", SKOLE, "østerbro_syd"),
    ("Øster Farimagsgades Skole", SKOLE, "indre_by_christianshavn"),
    ("Blågård Skole", SKOLE, "nørrebro"),
    ("Engskolen", SKOLE, "brønshøj_husum"),
    ("Eksperimentalinstitutionen", DAGTILBUD, "nordvest"),
    ("Specialklyngen", DAGTILBUD, "amager_øst"),
)

# ---------------------------------------------------------------------------------------------------------
# Need indicators: aggregates per institution of the kinds Copenhagen's data packages hold (seeds/002,
# domain.md). Levels are estimates. Each indicator is base * (index / 100) ** elasticity * noise, so all
# indicators are correlated with the socio-economic index; the same base is used for schools and daycare
# where both report an indicator, so that the type itself does not make a place look needy.
# All indicators point the same way: higher = more need.
# ---------------------------------------------------------------------------------------------------------

SOCIO = "socioøkonomisk_indeks"  # all types; 100 = average, higher = more disadvantaged parents
AT_RISK = "andel_særlig_risiko"  # schools: share of pupils at particular risk of special education
PPR_CASES = "ppr_sager_pr_100"  # schools, daycare: psychologist + speech/hearing cases per 100 children
REFERRALS = "visitationer_pr_100"  # schools, daycare: referrals to special provision per 100 children
BUF_FLEX = "andel_buf_flex"  # schools: share of pupils in flexible provision ("BUF-flex")
STARTERS = "skolestartere_støttebehov"  # daycare: share of school starters with support needs
INDICATORS = (SOCIO, AT_RISK, PPR_CASES, REFERRALS, BUF_FLEX, STARTERS)
# What the reports call them (sheet Indikatorer): name, and what is measured.
INDICATOR_NAMES: dict[str, tuple[str, str]] = {
    SOCIO: ("Socioøkonomisk indeks", "Forældrenes uddannelse, beskæftigelse og indkomst; 100 = kommunens gennemsnit."),
    AT_RISK: ("Elever i særlig risiko", "Andel elever i særlig risiko for at få brug for specialundervisning."),
    PPR_CASES: ("PPR-sager pr. 100 børn", "Sager hos psykologer og tale-hørekonsulenter pr. 100 indskrevne børn."),
    REFERRALS: ("Visitationer pr. 100 børn", "Visitationer til specialtilbud pr. 100 indskrevne børn."),
    BUF_FLEX: ("Elever i BUF-flex", "Andel elever i fleksible tilbud (BUF-flex)."),
    STARTERS: ("Skolestartere med støttebehov", "Andel af dagtilbuddets skolestartere med behov for støtte."),
}


@dataclass(frozen=True)
class IndicatorSpec:
    """How one indicator is drawn: level at index 100, response to the index, noise, rounding."""

    types: frozenset[InstitutionType]
    base: float
    elasticity: float
    noise: float  # sigma of the multiplicative log-normal noise
    decimals: int


INDICATOR_SPECS: dict[str, IndicatorSpec] = {
    AT_RISK: IndicatorSpec(frozenset({SKOLE}), 0.08, 1.5, 0.15, 3),
    PPR_CASES: IndicatorSpec(frozenset({SKOLE, DAGTILBUD}), 5.0, 1.0, 0.20, 2),
    REFERRALS: IndicatorSpec(frozenset({SKOLE, DAGTILBUD}), 1.2, 1.3, 0.25, 2),
    BUF_FLEX: IndicatorSpec(frozenset({SKOLE}), 0.02, 1.2, 0.30, 3),
    STARTERS: IndicatorSpec(frozenset({DAGTILBUD}), 0.10, 1.2, 0.20, 3),
}
INSTITUTION_INDEX_NOISE = 0.12  # sigma of an institution's index around its district's index; estimate

# ---------------------------------------------------------------------------------------------------------
# Professions (domain.md, from seeds/000). Costs: estimates of an annual salary incl. pension and on-costs
# in DKK. Head counts: estimates that sum to about 800 staff. min_per_team: 2 pedagogical consultants (the
# pedagogues' union, seeds/000) and 2 psychologists ("two of each keeps a team working"); 1 for the other
# groups. Practice share 0.8: the 80/20 principle (seeds/000). Norms (children per practice-near FTE, for
# norm mode): set about 10 % below the sample's own ratio, so norm mode shows a modest gap and its price.
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfessionSpec:
    id: str
    headcount: int  # staff of this profession in one copy of the municipality; estimate
    annual_cost_dkk: float  # estimate
    types: frozenset[InstitutionType]
    min_per_team: int
    need_blend: float
    norm_children_per_fte: float
    weights: tuple[tuple[str, float], ...]
    contact_per_institution: bool = True


COMPETENCE_CENTRE = "kompetencecenter"
# What the reports call the professions (column navn on sheet Faggrupper).
PROFESSION_NAMES: dict[str, str] = {
    "psykolog": "Psykolog",
    "tale_hørekonsulent": "Tale-hørekonsulent",
    "støttepædagog": "Støttepædagog",
    "pædagogisk_konsulent": "Pædagogisk konsulent",
    "sundhedsplejerske": "Sundhedsplejerske",
    "fys_ergoterapeut": "Fysio- og ergoterapeut",
    COMPETENCE_CENTRE: "Kompetencecenter",
}
PRACTICE_SHARE = 0.8  # the 80/20 principle, seeds/000
NEED_FLOOR = 0.5  # low-need places still get half the average support per child; design choice

PROFESSIONS: tuple[ProfessionSpec, ...] = (
    # PPR psychologists: schools and daycare; need from cases, referrals, pupils at risk and the index.
    ProfessionSpec(
        id="psykolog",
        headcount=200,
        annual_cost_dkk=720_000,
        types=frozenset({SKOLE, DAGTILBUD}),
        min_per_team=2,
        need_blend=0.9,
        norm_children_per_fte=425,
        weights=((SOCIO, 0.2), (PPR_CASES, 0.3), (REFERRALS, 0.3), (AT_RISK, 0.2)),
    ),
    # Speech and hearing consultants: language cases weigh most.
    ProfessionSpec(
        id="tale_hørekonsulent",
        headcount=70,
        annual_cost_dkk=660_000,
        types=frozenset({SKOLE, DAGTILBUD}),
        min_per_team=1,
        need_blend=0.9,
        norm_children_per_fte=1200,
        weights=((PPR_CASES, 0.6), (SOCIO, 0.3)),
    ),
    # Support and competence pedagogues: mostly daycare (domain.md), and the leisure centres.
    ProfessionSpec(
        id="støttepædagog",
        headcount=190,
        annual_cost_dkk=560_000,
        types=frozenset({DAGTILBUD, FRITID}),
        min_per_team=1,
        need_blend=1.0,
        norm_children_per_fte=215,
        weights=((STARTERS, 0.5), (SOCIO, 0.3), (REFERRALS, 0.2)),
    ),
    # Pedagogical consultants: daycare and leisure; at least 2 per team (the pedagogues' union, seeds/000).
    ProfessionSpec(
        id="pædagogisk_konsulent",
        headcount=60,
        annual_cost_dkk=640_000,
        types=frozenset({DAGTILBUD, FRITID}),
        min_per_team=2,
        need_blend=0.8,
        norm_children_per_fte=700,
        weights=((SOCIO, 0.5), (STARTERS, 0.3)),
    ),
    # Health visitors: part of the 14 teams like the other groups (seeds/000); need from the index only.
    ProfessionSpec(
        id="sundhedsplejerske",
        headcount=140,
        annual_cost_dkk=620_000,
        types=frozenset({SKOLE, DAGTILBUD}),
        min_per_team=1,
        need_blend=0.8,
        norm_children_per_fte=600,
        weights=((SOCIO, 0.6),),
    ),
    # Physio- and occupational therapists.
    ProfessionSpec(
        id="fys_ergoterapeut",
        headcount=60,
        annual_cost_dkk=590_000,
        types=frozenset({SKOLE, DAGTILBUD}),
        min_per_team=1,
        need_blend=0.9,
        norm_children_per_fte=1400,
        weights=((REFERRALS, 0.4), (SOCIO, 0.3)),
    ),
    # Competence-centre staff: specialists attached to one of the 8 centres who support many schools, so
    # no named contact per institution; need from pupils at risk, flexible provision and referrals.
    ProfessionSpec(
        id=COMPETENCE_CENTRE,
        headcount=80,
        annual_cost_dkk=660_000,
        types=frozenset({SKOLE, DAGTILBUD}),
        min_per_team=0,
        need_blend=1.0,
        norm_children_per_fte=1050,
        weights=((AT_RISK, 0.4), (BUF_FLEX, 0.3), (REFERRALS, 0.3)),
        contact_per_institution=False,
    ),
)
MIN_STAFF_PER_CENTRE = 5  # every competence centre has at least this many staff; estimate

# ---------------------------------------------------------------------------------------------------------
# Specialist pools (sheet Puljer). The 8 centres are pools at their own institution; the two that support
# co-teaching across the city (seeds/002: Frejaskolen, Øster Farimagsgades Skole) serve the whole city, the
# others their area. One area flex team ("anchored in the areas, which the schools can call on", seeds/002):
# support pedagogues of the area's teams, illustrative (the first by id in each of the area's teams).
# ---------------------------------------------------------------------------------------------------------

CITY_WIDE_CENTRES = frozenset({"Frejaskolen", "Øster Farimagsgades Skole"})
FLEX_AREA = "nørrebro_bispebjerg"
FLEX_PROFESSION = "støttepædagog"
FLEX_STAFF_PER_TEAM = 2  # illustrative

# ---------------------------------------------------------------------------------------------------------
# Staff. Part-time mix: estimate (most full-time); FTE in hundredths like the template. The historical
# placement follows head count with this much noise, which gives the 10-30 % gap to need-weighted demand.
# ---------------------------------------------------------------------------------------------------------

FTE_MIX: tuple[tuple[float, float], ...] = (
    (1.0, 0.70),
    (0.9, 0.05),
    (0.8, 0.10),
    (0.75, 0.05),
    (0.6, 0.03),
    (0.5, 0.05),
    (0.37, 0.02),
)
HISTORY_NOISE = 0.08  # sigma of the log-normal noise on each team's historical head-count share; estimate
LOCKED_SHARE = 0.01  # share of staff locked to their current team (agreed arrangements); illustrative


# ---------------------------------------------------------------------------------------------------------
# The committee's three options (seeds/000) as structures of the same institutions: scenario 1, the 14
# district teams (today's teams); scenario 2, 26 smaller clusters, each inside one district; scenario 3, one
# team per area. A district gets clusters in proportion to its size (at least one; a district with one
# cluster keeps its own team), and its institutions are dealt to its clusters in id order, schools first,
# so the clusters of a district are alike. Illustrative: real clusters would follow school districts.
# ---------------------------------------------------------------------------------------------------------

STRUCTURE_DISTRICTS = "14_bydelsteams"
STRUCTURE_CLUSTERS = "26_klynger"
STRUCTURE_AREAS = "5_områder"
CLUSTERS = 26
STRUCTURES = (STRUCTURE_DISTRICTS, STRUCTURE_CLUSTERS, STRUCTURE_AREAS)


def _suffix(copy: int) -> str:
    return "" if copy == 1 else f"-{copy}"


def _apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder), each at least `minimum`."""
    n = len(weights)
    spare = total - minimum * n
    if spare < 0:
        raise ValueError(f"cannot give {n} parts at least {minimum} each out of {total}")
    scale = spare / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(n), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: spare - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


def _draw_fte(rng: random.Random) -> float:
    values = [v for v, _ in FTE_MIX]
    shares = [s for _, s in FTE_MIX]
    return rng.choices(values, weights=shares)[0]


def _indicators(rng: random.Random, kind: InstitutionType, district_index: float) -> dict[str, float | None]:
    index = district_index * rng.lognormvariate(0.0, INSTITUTION_INDEX_NOISE)
    values: dict[str, float | None] = {SOCIO: round(index, 1)}
    for name, spec in INDICATOR_SPECS.items():
        if kind in spec.types:
            value = spec.base * (index / 100.0) ** spec.elasticity * rng.lognormvariate(0.0, spec.noise)
            values[name] = round(value, spec.decimals)
        else:
            values[name] = None
    return {name: values[name] for name in INDICATORS}


@dataclass(frozen=True)
class _Copy:
    """One copy of the municipality, before it becomes an `Instance`."""

    areas: list[Area]
    teams: list[Team]
    institutions: list[Institution]
    staff: list[Staff]
    structure_teams: list[Team]
    structure_assignments: list[StructureAssignment]
    pools: list[Pool]


def _institutions(rng: random.Random, copy: int) -> list[Institution]:
    sfx = _suffix(copy)
    weights = [t.size for t in TEAMS]
    kinds = (
        (SKOLE, "S", "Skole", SCHOOLS, SCHOOL_CHILDREN),
        (DAGTILBUD, "D", "Dagtilbud", DAYCARE_UNITS, DAYCARE_CHILDREN),
        (FRITID, "F", "Fritidscenter", LEISURE_CENTRES, LEISURE_CHILDREN),
    )
    out: list[Institution] = []
    for kind, prefix, label, total, (low, high, mode) in kinds:
        counts = _apportion(total, weights, minimum=1)
        number = 0
        for team, count in zip(TEAMS, counts, strict=True):
            centres = [name for name, k, t in COMPETENCE_CENTRES if k is kind and t == team.id]
            generic = 0
            for slot in range(count):
                number += 1
                if slot < len(centres):
                    name = centres[slot]
                else:
                    generic += 1
                    name = f"{label} {team.name} {generic}"
                out.append(
                    Institution(
                        id=f"{prefix}{number:03d}{sfx}",
                        name=f"{name}{sfx}",
                        type=kind,
                        team_id=f"{team.id}{sfx}",
                        children=round(rng.triangular(low, high, mode)),
                        indicators=_indicators(rng, kind, team.need_index),
                    )
                )
    return out


def _area(team_id: str) -> str:
    return next(t.area_id for t in TEAMS if t.id == team_id)


def _centre_weight(team_id: str) -> float:
    """A competence centre's expected share of the centre staff: its area's size times need, shared by the
    area's centres. So each area has about the centre staff its need calls for, and the optimiser can spread
    them over the area's teams (the centres support schools beyond their own district)."""
    area_id = _area(team_id)
    area_need = sum(t.size * t.need_index for t in TEAMS if t.area_id == area_id)
    centres_in_area = sum(1 for _, _, t in COMPETENCE_CENTRES if _area(t) == area_id)
    return area_need / centres_in_area


# A staff member before drawing FTE and id: (profession, current team, competence centre or None).
_Draft = tuple[str, str, str | None]


def _centre_drafts(rng: random.Random, sfx: str, institutions: list[Institution]) -> list[_Draft]:
    """Competence-centre staff: attached to a centre, current team = the centre's team."""
    by_name = {i.name.removesuffix(sfx): i for i in institutions}
    headcount = next(p.headcount for p in PROFESSIONS if p.id == COMPETENCE_CENTRE)
    weights = [_centre_weight(team) * rng.lognormvariate(0.0, HISTORY_NOISE) for _, _, team in COMPETENCE_CENTRES]
    sizes = _apportion(headcount, weights, minimum=MIN_STAFF_PER_CENTRE)
    drafts: list[_Draft] = []
    for (name, _, _), size in zip(COMPETENCE_CENTRES, sizes, strict=True):
        centre = by_name[name]
        drafts += [(COMPETENCE_CENTRE, centre.team_id, centre.id)] * size
    return drafts


def _headcount_drafts(
    rng: random.Random, prof: ProfessionSpec, team_ids: list[str], institutions: list[Institution]
) -> list[_Draft]:
    """One profession placed historically: by the children it serves in each team (head count, not need),
    with noise, and at least the team minimum everywhere."""
    served = dict.fromkeys(team_ids, 0)
    for inst in institutions:
        if inst.type in prof.types:
            served[inst.team_id] += inst.children
    weights = [served[t] * rng.lognormvariate(0.0, HISTORY_NOISE) for t in team_ids]
    counts = _apportion(prof.headcount, weights, minimum=prof.min_per_team)
    drafts: list[_Draft] = []
    for team_id, count in zip(team_ids, counts, strict=True):
        drafts += [(prof.id, team_id, None)] * count
    return drafts


def _staff(rng: random.Random, copy: int, institutions: list[Institution]) -> list[Staff]:
    """All staff of one copy: pseudonymous ids in random order, no names, a part-time mix, a few locks."""
    sfx = _suffix(copy)
    area_of = {f"{t.id}{sfx}": f"{t.area_id}{sfx}" for t in TEAMS}
    team_ids = [f"{t.id}{sfx}" for t in TEAMS]
    drafts: list[_Draft] = []
    for prof in PROFESSIONS:
        if prof.id == COMPETENCE_CENTRE:
            drafts += _centre_drafts(rng, sfx, institutions)
        else:
            drafts += _headcount_drafts(rng, prof, team_ids, institutions)

    rng.shuffle(drafts)  # so that ids say nothing about profession or team
    lockable = [n for n, (_, _, centre) in enumerate(drafts) if centre is None]
    locked = set(rng.sample(lockable, round(LOCKED_SHARE * len(drafts))))
    return [
        Staff(
            id=f"M{n + 1:04d}{sfx}",
            profession=profession,
            fte=_draw_fte(rng),
            area_id=area_of[team_id],
            current_team_id=team_id,
            locked_team_id=team_id if n in locked else None,
            competence_centre=centre_id,
        )
        for n, (profession, team_id, centre_id) in enumerate(drafts)
    ]


def _structures(copy: int, institutions: list[Institution]) -> tuple[list[Team], list[StructureAssignment]]:
    """The extra teams (clusters, area teams) and every structure's institution -> team rows. No random draws:
    adding structures leaves every other figure of the sample as it was."""
    sfx = _suffix(copy)
    new_teams: list[Team] = []
    cluster_of: dict[str, str] = {}
    counts = _apportion(CLUSTERS, [t.size for t in TEAMS], minimum=1)
    for team, count in zip(TEAMS, counts, strict=True):
        members = [i for i in institutions if i.team_id == f"{team.id}{sfx}"]  # schools, daycare, leisure: id order
        if count == 1:
            cluster_ids = [f"{team.id}{sfx}"]
        else:
            letters = "ABCDEFGH"[:count]
            cluster_ids = [f"{team.id}_{x.lower()}{sfx}" for x in letters]
            new_teams += [
                Team(id=c, name=f"{team.name} {x}{sfx}", area_id=f"{team.area_id}{sfx}")
                for c, x in zip(cluster_ids, letters, strict=True)
            ]
        for n, inst in enumerate(members):
            cluster_of[inst.id] = cluster_ids[n % count]
    area_team = {f"{a}{sfx}": f"område_{a}{sfx}" for a, _ in AREAS}
    new_teams += [Team(id=f"område_{a}{sfx}", name=f"Område {name}{sfx}", area_id=f"{a}{sfx}") for a, name in AREAS]
    area_of_team = {f"{t.id}{sfx}": f"{t.area_id}{sfx}" for t in TEAMS}
    rows = [
        StructureAssignment(structure=STRUCTURE_DISTRICTS, institution_id=i.id, team_id=i.team_id) for i in institutions
    ]
    rows += [
        StructureAssignment(structure=STRUCTURE_CLUSTERS, institution_id=i.id, team_id=cluster_of[i.id])
        for i in institutions
    ]
    rows += [
        StructureAssignment(structure=STRUCTURE_AREAS, institution_id=i.id, team_id=area_team[area_of_team[i.team_id]])
        for i in institutions
    ]
    return new_teams, rows


def _pools(copy: int, institutions: list[Institution], staff: list[Staff]) -> tuple[list[Pool], list[Staff]]:
    """The 8 centres and the flex team as pools, and the staff with the flex team's members named (no random
    draws: every other figure of the sample stays as it was). Centre staff find their pool by its home."""
    sfx = _suffix(copy)
    by_name = {i.name.removesuffix(sfx): i for i in institutions}
    pools = [
        Pool(
            id=f"kc_{by_name[name].id}",
            name=f"{name}{sfx}",
            kind=PoolKind.CENTRE,
            home=by_name[name].id,
            catchment=Catchment.CITY if name in CITY_WIDE_CENTRES else Catchment.AREA,
            professions=frozenset({COMPETENCE_CENTRE}),
        )
        for name, _, _ in COMPETENCE_CENTRES
    ]
    area = f"{FLEX_AREA}{sfx}"
    flex = Pool(
        id=f"flex_{area}",
        name=f"Flexteam {dict(AREAS)[FLEX_AREA]}{sfx}",
        kind=PoolKind.FLEX,
        home=area,
        professions=frozenset({FLEX_PROFESSION}),
    )
    chosen: set[str] = set()
    for team in (f"{t.id}{sfx}" for t in TEAMS if t.area_id == FLEX_AREA):
        free = (s for s in staff if s.current_team_id == team and s.profession == FLEX_PROFESSION)
        chosen.update(sorted(s.id for s in free if s.locked_team_id is None)[:FLEX_STAFF_PER_TEAM])
    staff = [s.model_copy(update={"pool_id": flex.id}) if s.id in chosen else s for s in staff]
    return [*pools, flex], staff


def _copy(rng: random.Random, copy: int) -> _Copy:
    sfx = _suffix(copy)
    areas = [Area(id=f"{a}{sfx}", name=f"{name}{sfx}") for a, name in AREAS]
    teams = [Team(id=f"{t.id}{sfx}", name=f"{t.name}{sfx}", area_id=f"{t.area_id}{sfx}") for t in TEAMS]
    institutions = _institutions(rng, copy)
    staff = _staff(rng, copy, institutions)
    structure_teams, structure_rows = _structures(copy, institutions)
    pools, staff = _pools(copy, institutions, staff)
    institutions = _places(copy, institutions)
    return _Copy(areas, teams, institutions, staff, structure_teams, structure_rows, pools)


def professions() -> tuple[Profession, ...]:
    """The 7 professions of the sample, with their costs, types served, minimums and need parameters."""
    return tuple(
        Profession(
            id=p.id,
            name=PROFESSION_NAMES[p.id],
            annual_cost_dkk=p.annual_cost_dkk,
            min_per_team=p.min_per_team,
            institution_types=p.types,
            practice_share=PRACTICE_SHARE,
            need_floor=NEED_FLOOR,
            need_blend=p.need_blend,
            norm_children_per_fte=p.norm_children_per_fte,
            contact_per_institution=p.contact_per_institution,
        )
        for p in PROFESSIONS
    )


def need_weights() -> tuple[NeedWeight, ...]:
    """The need weights of every profession over the indicators (each profession has at least one)."""
    return tuple(NeedWeight(profession=p.id, indicator=k, weight=w) for p in PROFESSIONS for k, w in p.weights)


# Statutory work (issue 11): the written assessments the 20 % outside practice is for. A share of the PPR
# cases (the indicator, per 100 children) a year becomes a pedagogical-psychological assessment (PPV) or a
# speech assessment; hours per case are estimates. All three numbers are illustrative, not Copenhagen's.
STATUTORY_SHARE_OF_CASES = 0.4
HOURS_PER_CASE: dict[str, float] = {"psykolog": 40.0, "tale_hørekonsulent": 12.0}


def with_statutory_work(instance: Instance) -> Instance:
    """The sample with a statutory caseload per institution (from its PPR cases) and hours per case for the
    professions that write the assessments; drawn from nothing random, so the rest of the sample is unchanged."""
    institutions = tuple(
        i.model_copy(
            update={
                "statutory_cases": round(
                    i.children * (i.indicators.get(PPR_CASES) or 0.0) / 100 * STATUTORY_SHARE_OF_CASES, 1
                )
            }
        )
        if i.indicators.get(PPR_CASES) is not None
        else i
        for i in instance.institutions
    )
    professions = tuple(
        p.model_copy(update={"hours_per_case": HOURS_PER_CASE[p.id]}) if p.id in HOURS_PER_CASE else p
        for p in instance.professions
    )
    return instance.model_copy(update={"institutions": institutions, "professions": professions})


def generate(scale: int = 1, seed: int = 2025) -> Instance:
    """The illustrative municipality (`scale` = 1) or `scale` copies of it (national-scale synthetic).

    Deterministic for a given `seed`; entity counts depend only on `scale`.
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    rng = random.Random(seed)
    copies = [_copy(rng, k) for k in range(1, scale + 1)]
    base = Instance(
        areas=tuple(a for c in copies for a in c.areas),
        teams=tuple(t for c in copies for t in c.teams),
        institutions=tuple(i for c in copies for i in c.institutions),
        professions=professions(),
        need_weights=need_weights(),
        staff=tuple(s for c in copies for s in c.staff),
        parameters=Parameters(),
        indicators=tuple(Indicator(id=k, name=n, description=d) for k, (n, d) in INDICATOR_NAMES.items()),
        structure_teams=tuple(t for c in copies for t in c.structure_teams),
        # grouped by structure (all copies' rows of one structure together), as a planner would list them
        structure_assignments=tuple(
            sorted((r for c in copies for r in c.structure_assignments), key=lambda r: STRUCTURES.index(r.structure))
        ),
        pools=tuple(p for c in copies for p in c.pools),
    )
    return _with_ties(with_statutory_work(base))


# ---------------------------------------------------------------------------------------------------------
# Issue 11: districts, daycare clusters, coordinates, today's contacts and where staff start in the clusters.
# None of these draws from the sample's random stream, so every other figure stays as it was.
# ---------------------------------------------------------------------------------------------------------

# Copenhagen's 10 official districts ("bydele") and the sample's teams in them (Ørestad and Islands Brygge lie
# in Amager Vest, Nordvest in Bispebjerg, Christianshavn in Indre By).
BYDELE: dict[str, str] = {
    "amager_øst": "Amager Øst",
    "amager_vest": "Amager Vest",
    "ørestad_islands_brygge": "Amager Vest",
    "indre_by_christianshavn": "Indre By",
    "østerbro_nord": "Østerbro",
    "østerbro_syd": "Østerbro",
    "nørrebro": "Nørrebro",
    "nordvest": "Bispebjerg",
    "bispebjerg": "Bispebjerg",
    "brønshøj_husum": "Brønshøj-Husum",
    "vanløse": "Vanløse",
    "vesterbro": "Vesterbro/Kongens Enghave",
    "kongens_enghave": "Vesterbro/Kongens Enghave",
    "valby": "Valby",
}
# ILLUSTRATIVE coordinates: a plausible centre (latitude, longitude, WGS84) of each team's part of the city,
# read off a map of Copenhagen; institutions scatter around it. Not the institutions' real addresses.
CENTRES: dict[str, tuple[float, float]] = {
    "amager_øst": (55.660, 12.615),
    "amager_vest": (55.655, 12.560),
    "ørestad_islands_brygge": (55.640, 12.582),
    "indre_by_christianshavn": (55.679, 12.586),
    "østerbro_nord": (55.714, 12.574),
    "østerbro_syd": (55.699, 12.581),
    "nørrebro": (55.694, 12.548),
    "nordvest": (55.705, 12.530),
    "bispebjerg": (55.716, 12.541),
    "brønshøj_husum": (55.711, 12.490),
    "vanløse": (55.687, 12.490),
    "vesterbro": (55.668, 12.552),
    "kongens_enghave": (55.655, 12.535),
    "valby": (55.661, 12.505),
}
SCATTER_KM = 0.9  # sigma of an institution's distance from its team's centre, each way; estimate
CLUSTER_SIZE = 6  # daycare units per cluster ("klynge"); estimate: Copenhagen's clusters hold about 4-10 units
KM_PER_DEGREE_LAT = 111.2


def _places(copy: int, institutions: list[Institution]) -> list[Institution]:
    """District, cluster (daycare: consecutive units of a team, `CLUSTER_SIZE` each) and coordinates of every
    institution, from a random stream of their own."""
    sfx = _suffix(copy)
    rng = random.Random(f"places-{copy}")
    per_team: dict[str, int] = {}
    out = []
    for inst in institutions:
        team = inst.team_id.removesuffix(sfx) if sfx else inst.team_id
        lat0, lon0 = CENTRES[team]
        lat = lat0 + rng.gauss(0.0, SCATTER_KM) / KM_PER_DEGREE_LAT
        lon = lon0 + rng.gauss(0.0, SCATTER_KM) / (KM_PER_DEGREE_LAT * 0.564)  # cos(55.7°)
        cluster = None
        if inst.type is DAGTILBUD:
            n = per_team.get(team, 0)
            per_team[team] = n + 1
            name = next(t.name for t in TEAMS if t.id == team)
            cluster = f"Klynge {name} {n // CLUSTER_SIZE + 1}{sfx}"
        update = {
            "district_id": f"{BYDELE[team]}{sfx}",
            "cluster_id": cluster,
            "latitude": round(lat, 5),
            "longitude": round(lon, 5),
        }
        out.append(inst.model_copy(update=update))
    return out


def _with_ties(instance: Instance) -> Instance:
    """The sample with sheet Kontakter (today's contacts: the naming procedure on today's teams, so
    illustrative) and sheet Startteams for the 14 district teams (each team starts as itself) and the 26
    clusters (each person in the cluster holding most of the institutions they are contact for; everyone
    else by the start rule's choice, written out)."""
    from optimiser.contacts import current_contacts  # the need model: only when the sample is made

    today = current_contacts(instance, instance.parameters)
    contacts = tuple(
        Contact(institution_id=i, profession=p, staff_id=sid) for (i, p), sid in today.items() if sid is not None
    )
    clusters = instance.structures.get(STRUCTURE_CLUSTERS, {})
    rows = [StartTeam(structure=STRUCTURE_DISTRICTS, team_id=t.id, start_team_id=t.id) for t in instance.teams]
    children: dict[tuple[str, str], int] = {}
    for inst in instance.institutions:
        key = (inst.team_id, clusters[inst.id])
        children[key] = children.get(key, 0) + inst.children
    for t in instance.teams:
        own = {c: n for (team, c), n in children.items() if team == t.id}
        rows.append(StartTeam(structure=STRUCTURE_CLUSTERS, team_id=t.id, start_team_id=max(own, key=own.__getitem__)))
    held: dict[str, dict[str, int]] = {}
    for c in contacts:
        counts = held.setdefault(c.staff_id, {})
        counts[clusters[c.institution_id]] = counts.get(clusters[c.institution_id], 0) + 1
    team_of = {s.id: s.current_team_id for s in instance.staff}
    for sid in sorted(held):
        pick = max(held[sid], key=lambda c: (held[sid][c], c))
        rows.append(StartTeam(structure=STRUCTURE_CLUSTERS, team_id=team_of[sid], staff_id=sid, start_team_id=pick))
    return Instance.model_validate(
        {**{f: getattr(instance, f) for f in Instance.model_fields}, "contacts": contacts, "start_teams": tuple(rows)}
    )
