"""Statutory work: does the time kept out of practice (the 20 % of 80/20) cover the statutory caseload?

The practice share keeps part of each person's time for statutory written work — pedagogical-psychological
assessments (PPV) and the like. Where the book gives a caseload (Institutioner `lovpligtige_sager`, cases a
year) and the hours a case takes (Faggrupper `timer_pr_sag`), each team x profession is checked:

    required_tp  = sum over t's institutions that p serves of cases_i * hours_per_case_p / hours_per_fte
    available_tp = (1 - practice_share_p) * FTE of p in t (staff and new posts); 0 with the 80/20 rule off

`hours_per_fte` (Parametre `timer_pr_årsværk`) is an assumption: 1,924 hours gross less holidays, 1,628. The
figure "statutory work covered" is sum min(available, required) / sum required over the cells with a caseload,
and the cells where available < required are listed: the teams where 20 % is not enough. The checker
(`optimiser.check`) recomputes both with loops of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from optimiser import i18n
from optimiser.domain import Instance, Parameters
from optimiser.i18n import N_
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import Kpis, NewPost, StatutoryCell

EPS = 1e-9


def statutory_cells(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_posts: Sequence[NewPost] = (),
    structure: Mapping[str, str] | None = None,
) -> list[StatutoryCell]:
    """Every team x profession with a statutory caseload, teams and professions in input order."""
    required: dict[tuple[str, str], float] = defaultdict(float)
    for inst in instance.institutions:
        if not inst.statutory_cases:
            continue
        team = structure.get(inst.id, inst.team_id) if structure else inst.team_id
        for prof in instance.professions:
            if prof.hours_per_case > 0 and inst.type in prof.institution_types:
                required[team, prof.id] += inst.statutory_cases * prof.hours_per_case / params.hours_per_fte
    if not required:
        return []
    off = "practice-share" not in params.enabled_rules()
    fte: dict[tuple[str, str], float] = defaultdict(float)
    for s in instance.staff:
        fte[team_of[s.id], s.profession] += s.fte
    for post in new_posts:
        fte[post.team_id, post.profession] += post.fte
    cells = []
    for t in instance.teams:
        for p in instance.professions:
            if (t.id, p.id) in required:
                kept = 0.0 if off else 1 - p.practice_share
                cells.append(
                    StatutoryCell(
                        team_id=t.id,
                        profession=p.id,
                        required_fte=required[t.id, p.id],
                        available_fte=kept * fte[t.id, p.id],
                    )
                )
    return cells


def covered_share(cells: Sequence[StatutoryCell]) -> float | None:
    """The share of statutory hours the non-practice time covers; None without a caseload."""
    required = sum(c.required_fte for c in cells)
    if required <= 0:
        return None
    return sum(min(c.available_fte, c.required_fte) for c in cells) / required


def short(cells: Sequence[StatutoryCell]) -> tuple[StatutoryCell, ...]:
    """The cells where the non-practice time does not cover the caseload."""
    return tuple(c for c in cells if c.available_fte < c.required_fte - EPS)


COVERED = N_("Statutory work covered by the time outside practice (20 %): {share}")
SHORT = N_("Not enough in: {cells}")
CELL = N_("{team} ({profession}: needs {required} FTE, has {available})")


def covered_line(kpis: Kpis, lang: Lang, names: Names | None = None) -> str:
    """ "Statutory work covered: 84,0 %", and the teams where the time outside practice is not enough."""
    lines = [i18n.text(COVERED, lang, share=i18n.percent(kpis.statutory_covered, 1, lang))]
    if kpis.statutory_short:
        cells = [
            i18n.text(
                CELL,
                lang,
                team=names.team(c.team_id) if names else c.team_id,
                profession=names.profession(c.profession) if names else c.profession,
                required=i18n.number(c.required_fte, 2, lang),
                available=i18n.number(c.available_fte, 2, lang),
            )
            for c in kpis.statutory_short
        ]
        lines.append(i18n.text(SHORT, lang, cells="; ".join(cells)))
    return "\n".join(lines)
