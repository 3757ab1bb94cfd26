"""From team supply to institutions: FTE per institution and profession, and one named primary contact each.

Within a team, supply is shared in proportion to the institutions' demand, so every institution of a team
gets the team's coverage; where the contact-load rule is on, each gets at least the minimum slice
(water-filling). Contacts are then named greedily and deterministically: an institution keeps its current
contact when that person is still in the team and has room; the rest go to the colleague with most room.
Today's contacts are the workbook's sheet Kontakter where it is given; without it they are not known, and the
same procedure applied to the current allocation stands in for them only so that naming is stable: no figure
counts changes against it (`ties_broken` is None).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from optimiser.domain import Contact, Instance, Parameters
from optimiser.need import institution_needs
from optimiser.pools import pool_of
from optimiser.results import InstitutionAllocation


def practice_share(instance: Instance, params: Parameters, profession: str) -> float:
    """The share of FTE that counts as practice-near supply (all of it with the 80/20 rule off)."""
    if "practice-share" not in params.enabled_rules():
        return 1.0
    return instance.profession(profession).practice_share


def share_out(supply: float, demand: Mapping[str, float], minimum: float) -> dict[str, float]:
    """Split `supply` over institutions in proportion to `demand`, each getting at least `minimum`.

    Institutions whose proportional part falls below the minimum are raised to it and the rest shares what
    remains. Where supply cannot give everyone the minimum, the split is plainly proportional.
    """
    if not demand:
        return {}
    if supply < minimum * len(demand) - 1e-9:
        minimum = 0.0
    fixed: dict[str, float] = {}
    active = dict(demand)
    while active:
        remaining = supply - minimum * len(fixed)
        total = sum(active.values())
        if total <= 0:
            share = {k: remaining / len(active) for k in active}
        else:
            share = {k: remaining * d / total for k, d in active.items()}
        low = [k for k, v in share.items() if v < minimum - 1e-12]
        if not low:
            return {**fixed, **share}
        for k in low:
            fixed[k] = minimum
            del active[k]
    return fixed


def allocate(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_fte: Mapping[tuple[str, str], float],
    structure: Mapping[str, str] | None = None,
    current_contacts: Mapping[tuple[str, str], str | None] | None = None,
) -> list[InstitutionAllocation]:
    """Institution allocations and contacts for staff placed by `team_of` (staff id -> team id)."""
    contact_rule = "contact-load" in params.enabled_rules()
    minimum = params.contact_min_fte if contact_rule else 0.0
    staff_by_pair: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    fte_by_pair: dict[tuple[str, str], float] = defaultdict(float)
    pooled = pool_of(instance)
    for s in instance.staff:
        if s.id in pooled:
            continue  # a pool's time is shared over its catchment (`optimiser.pools`), not the team's
        team = team_of[s.id]
        staff_by_pair[team, s.profession].append((s.id, s.fte))
        fte_by_pair[team, s.profession] += s.fte
    for pair, fte in new_fte.items():
        fte_by_pair[pair] += fte

    served: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for row in institution_needs(instance, params.demand_mode, structure):
        if row.base_children > 0:
            served[row.team_id, row.profession][row.institution_id] = row.demand_fte

    out: list[InstitutionAllocation] = []
    for (team, prof), demand in served.items():
        ps = practice_share(instance, params, prof)
        slices = share_out(ps * fte_by_pair[team, prof], demand, minimum)
        needs_contact = instance.profession(prof).contact_per_institution
        contacts = (
            _name_contacts(demand, staff_by_pair[team, prof], ps, params, prof, contact_rule, current_contacts)
            if needs_contact
            else {}
        )
        out.extend(
            InstitutionAllocation(
                institution_id=i,
                team_id=team,
                profession=prof,
                fte=slices[i],
                contact_staff_id=contacts.get(i),
            )
            for i in demand
        )
    return out


def _name_contacts(
    demand: Mapping[str, float],
    staff: list[tuple[str, float]],
    ps: float,
    params: Parameters,
    profession: str,
    capped: bool,
    current: Mapping[tuple[str, str], str | None] | None,
) -> dict[str, str]:
    room = {sid: params.contact_capacity(ps * fte) if capped else len(demand) for sid, fte in staff}
    order = sorted(demand, key=lambda i: (-demand[i], i))
    chosen: dict[str, str] = {}
    if current:
        for i in order:
            keep = current.get((i, profession))
            if keep is not None and room.get(keep, 0) > 0:
                chosen[i] = keep
                room[keep] -= 1
    by_id = sorted(room)
    for i in order:
        if i in chosen or not by_id:
            continue
        sid = max(by_id, key=lambda s: room[s])  # most room; the lowest id on a tie
        if room[sid] > 0:
            chosen[i] = sid
            room[sid] -= 1
    return chosen


def ties_broken(contacts: Sequence[Contact], institutions: Sequence[InstitutionAllocation]) -> int | None:
    """How many of today's contacts (sheet Kontakter) the plan breaks: the institution's contact of that
    profession is someone else, or nobody. None without the sheet: contacts were not supplied."""
    if not contacts:
        return None
    now = {(a.institution_id, a.profession): a.contact_staff_id for a in institutions}
    return sum(1 for c in contacts if now.get((c.institution_id, c.profession)) != c.staff_id)


def current_contacts(instance: Instance, params: Parameters) -> dict[tuple[str, str], str | None]:
    """Today's contacts: (institution, profession) -> staff id, from sheet Kontakter where given; else those
    the naming procedure gives the current allocation (a stand-in that keeps naming stable, never counted)."""
    if instance.contacts:
        return {(c.institution_id, c.profession): c.staff_id for c in instance.contacts}
    team_of = {s.id: s.current_team_id for s in instance.staff}
    return {
        (a.institution_id, a.profession): a.contact_staff_id
        for a in allocate(instance, params, team_of, {}, None, None)
    }
