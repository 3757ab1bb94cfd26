"""The need model: from child counts and need indicators to demand in FTE per institution and profession.

For profession p and institution i (NHS "fair shares"-style, see docs/method.md):

    need_ip = base_ip * max(floor_p, 1 + sum_k w_pk * (x_ik / mean_k - 1))

* base_ip  -- children at i if p serves i's type, else 0;
* x_ik     -- need indicator k at i (missing counts as the mean, i.e. contributes 0);
* mean_k   -- child-weighted mean of k over all institutions that report it;
* w_pk     -- the weight; floor_p -- the lowest multiplier (low-need places still get some support).

The blend alpha_p mixes the need-weighted share with the plain head-count share:

    share_ip = alpha_p * need_ip / sum_i need_ip + (1 - alpha_p) * base_ip / sum_i base_ip

Demand in practice-near FTE:

* fair-share mode: D_ip = share_ip * practice_share_p * FTE_p   (distribute what exists)
* norm mode:       D_ip = (alpha_p * need_ip + (1 - alpha_p) * base_ip) / norm_p

Supply of a team is its staff's FTE times the practice share, so in fair-share mode total supply equals
total demand per profession and coverage 100 % everywhere means a perfectly need-proportional allocation.

Specialist pools (`optimiser.pools.split_demand`): `demand_fte` is the district teams' part of D_ip (what
the pools serving i leave, on the teams' own FTE), `pool_demand_fte` the pools' part.

With a fixed reference (`Instance.reference`, set by the run service: `optimiser.reference`) fair share
distributes the reference's practice-near FTE instead of the instance's own (D_ip = share_ip * R_p), and norm
demand is counted on the reference's basis (D_ip * b_p): a cut then shows as shortfall, new posts as gain.

Shrinkage (off unless `Parameters.shrink_indicators` names rates): a rate at a small institution rests on a
few cases, so it is pulled towards the mean in proportion to how little it rests on (empirical Bayes, the
method of moments of Marshall 1991). With r_i = x_i / unit cases per child, exposure e_i = children_i * years:

    m    = sum e_i r_i / sum e_i                      (the mean rate)
    s2   = sum e_i (r_i - m)^2 / sum e_i              (the spread seen)
    tau2 = max(0, s2 - m / mean(e))                   (the spread left once chance (Poisson) is taken out)
    C_i  = tau2 / (tau2 + m / e_i)                    (how much of its own rate an institution keeps)
    x~_i = unit * (m + C_i (r_i - m))

The need model then runs on the shrunk values; the explanation keeps the raw ones beside them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from optimiser.domain import DemandMode, Instance, Profession, Staff
from optimiser.pools import pool_of, split_demand


@dataclass(frozen=True)
class IndicatorTerm:
    """One indicator's part of an institution's multiplier: weight * (value / mean - 1)."""

    indicator: str
    value: float | None
    mean: float
    weight: float
    contribution: float
    raw_value: float | None = None  # the book's value before shrinkage (equal to `value` without it)


@dataclass(frozen=True)
class InstitutionNeed:
    """Why one institution's demand for one profession is what it is."""

    institution_id: str
    team_id: str
    profession: str
    base_children: int
    terms: tuple[IndicatorTerm, ...]
    raw_multiplier: float
    multiplier: float
    need: float
    need_share: float
    headcount_share: float
    share: float
    demand_fte: float  # the district teams' part (all of it where the profession has no pool)
    pool_demand_fte: float = 0.0  # the specialist pools' part (`optimiser.pools`)


@dataclass(frozen=True)
class TeamDemand:
    """Demand and supply (practice-near FTE) of one team and profession."""

    team_id: str
    profession: str
    demand_fte: float
    supply_fte: float

    @property
    def coverage(self) -> float | None:
        """Supply over demand; None where there is no demand."""
        return self.supply_fte / self.demand_fte if self.demand_fte > 0 else None


def shrink(values: Sequence[float], exposures: Sequence[float], unit: float = 1.0) -> list[float]:
    """Empirical-Bayes estimates of rates `values` (cases per `unit` children) seen over `exposures`
    (children times years); see the module docstring. Places with no exposure keep their value."""
    seen = [(x / unit, e) for x, e in zip(values, exposures, strict=True) if e > 0]
    total = sum(e for _, e in seen)
    if total <= 0:
        return list(values)
    mean = sum(r * e for r, e in seen) / total
    spread = sum(e * (r - mean) ** 2 for r, e in seen) / total
    between = max(0.0, spread - mean / (total / len(seen)))
    out = []
    for x, e in zip(values, exposures, strict=True):
        if e <= 0 or mean <= 0:
            out.append(x)
            continue
        keep = between / (between + mean / e)
        out.append(unit * (mean + keep * (x / unit - mean)))
    return out


def indicator_values(instance: Instance) -> dict[str, dict[str, float | None]]:
    """Institution id -> the indicator values the need model uses: the book's, with the rates named in
    `shrink_indicators` shrunk (an indicator no weight uses is refused: its name is misspelt)."""
    key = ("indicator_values",)
    if key not in instance.memo:
        instance.memo[key] = _indicator_values(instance)
    return cast(dict[str, dict[str, float | None]], instance.memo[key])


def _indicator_values(instance: Instance) -> dict[str, dict[str, float | None]]:
    out = {inst.id: dict(inst.indicators) for inst in instance.institutions}
    units = instance.parameters.shrink_units()
    known = instance.indicator_names()
    unknown = sorted(set(units) - set(known))
    if unknown:
        raise ValueError(f"shrinkage names unknown indicator(s) {', '.join(unknown)}; known: {', '.join(known)}")
    years = instance.parameters.shrink_years
    for name, unit in units.items():
        reporting = [i for i in instance.institutions if i.indicators.get(name) is not None]
        raw = [cast(float, i.indicators[name]) for i in reporting]
        for inst, value in zip(reporting, shrink(raw, [i.children * years for i in reporting], unit), strict=True):
            out[inst.id][name] = value
    return out


def indicator_means(instance: Instance) -> dict[str, float]:
    """Child-weighted municipal mean of every weighted indicator over the institutions that report it."""
    means: dict[str, float] = {}
    values = indicator_values(instance)
    for name in instance.indicator_names():
        total = weight = 0.0
        for inst in instance.institutions:
            value = values[inst.id].get(name)
            if value is not None:
                total += value * inst.children
                weight += inst.children
        means[name] = total / weight if weight > 0 else 0.0
    return means


def profession_fte(instance: Instance) -> dict[str, float]:
    """FTE (årsværk) of all staff by profession."""
    fte: dict[str, float] = defaultdict(float)
    for s in instance.staff:
        fte[s.profession] += s.fte
    return dict(fte)


def _terms(
    instance: Instance,
    profession: Profession,
    indicators: Mapping[str, float | None],
    means: Mapping[str, float],
    raw: Mapping[str, float | None],
) -> tuple[IndicatorTerm, ...]:
    terms = []
    for w in instance.need_weights:
        if w.profession != profession.id:
            continue
        value = indicators.get(w.indicator)
        mean = means.get(w.indicator, 0.0)
        # A missing value, or an indicator nobody reports, is taken at the mean: no extra need.
        contribution = w.weight * (value / mean - 1) if value is not None and mean > 0 else 0.0
        terms.append(IndicatorTerm(w.indicator, value, mean, w.weight, contribution, raw.get(w.indicator)))
    return tuple(terms)


def institution_needs(
    instance: Instance,
    mode: DemandMode | None = None,
    structure: Mapping[str, str] | None = None,
) -> list[InstitutionNeed]:
    """Need, shares and demand for every institution and profession, in input order.

    `structure` maps institution id -> team id and overrides the institutions' own teams (what-if structures).
    """
    mode = mode or instance.parameters.demand_mode
    key = ("institution_needs", mode, tuple(sorted(structure.items())) if structure else None)
    if key not in instance.memo:  # one solve asks for the same needs several times (model, contacts, KPIs)
        instance.memo[key] = _institution_needs(instance, mode, structure)
    return list(cast(list[InstitutionNeed], instance.memo[key]))


def _institution_needs(
    instance: Instance, mode: DemandMode, structure: Mapping[str, str] | None
) -> list[InstitutionNeed]:
    means = indicator_means(instance)
    values = indicator_values(instance)
    fte = profession_fte(instance)
    rows: list[InstitutionNeed] = []
    for prof in instance.professions:
        partial = []
        for inst in instance.institutions:
            base = inst.children if inst.type in prof.institution_types else 0
            terms = _terms(instance, prof, values[inst.id], means, inst.indicators)
            raw = 1.0 + sum(t.contribution for t in terms)
            multiplier = max(prof.need_floor, raw)
            partial.append((inst, base, terms, raw, multiplier, base * multiplier))
        total_need = sum(p[5] for p in partial)
        total_base = sum(p[1] for p in partial)
        if mode is DemandMode.NORM and prof.norm_children_per_fte is None:
            raise ValueError(f"norm mode needs a norm (children per FTE) for profession {prof.id!r}")
        shares, demands = [], {}
        for inst, base, _, _, _, need in partial:
            need_share = need / total_need if total_need > 0 else 0.0
            head_share = base / total_base if total_base > 0 else 0.0
            share = prof.need_blend * need_share + (1 - prof.need_blend) * head_share
            shares.append((need_share, head_share, share))
            ref = instance.reference
            if mode is DemandMode.FAIR_SHARE:
                distributed = prof.practice_share * fte.get(prof.id, 0.0)
                demands[inst.id] = share * (ref.practice_fte.get(prof.id, 0.0) if ref is not None else distributed)
            else:
                assert prof.norm_children_per_fte is not None
                blended = prof.need_blend * need + (1 - prof.need_blend) * base
                basis = ref.basis.get(prof.id, 1.0) if ref is not None else 1.0
                demands[inst.id] = blended / prof.norm_children_per_fte * basis
        teams_part, pools_part = split_demand(instance, prof.id, demands, mode is DemandMode.FAIR_SHARE)
        for (inst, base, terms, raw, multiplier, need), (need_share, head_share, share) in zip(
            partial, shares, strict=True
        ):
            team = structure.get(inst.id, inst.team_id) if structure else inst.team_id
            rows.append(
                InstitutionNeed(
                    inst.id,
                    team,
                    prof.id,
                    base,
                    terms,
                    raw,
                    multiplier,
                    need,
                    need_share,
                    head_share,
                    share,
                    teams_part[inst.id],
                    pools_part[inst.id],
                )
            )
    return rows


def team_demand(
    instance: Instance,
    mode: DemandMode | None = None,
    structure: Mapping[str, str] | None = None,
) -> dict[tuple[str, str], float]:
    """Demand in practice-near FTE per (team, profession), every pair present (zero where none)."""
    out = {(t.id, p.id): 0.0 for t in instance.teams for p in instance.professions}
    for row in institution_needs(instance, mode, structure):
        out[row.team_id, row.profession] += row.demand_fte
    return out


def practice_fte(instance: Instance, member: Staff) -> float:
    """The practice-near part of one staff member's FTE."""
    return member.fte * instance.profession(member.profession).practice_share


def current_supply(instance: Instance) -> dict[tuple[str, str], float]:
    """Practice-near FTE per (team, profession) under the current allocation (pool staff apart)."""
    out = {(t.id, p.id): 0.0 for t in instance.teams for p in instance.professions}
    pooled = pool_of(instance)
    for s in instance.staff:
        if s.id not in pooled:
            out[s.current_team_id, s.profession] += practice_fte(instance, s)
    return out


def demand_table(instance: Instance, mode: DemandMode | None = None) -> list[TeamDemand]:
    """Demand against current supply for every team and profession, teams and professions in input order."""
    demand = team_demand(instance, mode)
    supply = current_supply(instance)
    return [TeamDemand(t, p, demand[t, p], supply[t, p]) for (t, p) in demand]
