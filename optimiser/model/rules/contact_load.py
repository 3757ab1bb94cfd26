"""Contact-person load and minimum slice: every institution a profession serves gets one named primary
contact of that profession from its own team (where anyone of the profession may work in that team); a
contact gives each of their institutions at least the minimum slice of practice-near time and has at most
the set number of institutions.

So a team needs enough contact capacity: the sum over its staff of min(cap, practice FTE / slice) must
reach the number of institutions needing a contact. New posts are not named people and add no capacity.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables, total

NAME = "contact-load"


def add_contact_load(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for (t, p), needed in data.contacts_needed.items():
        capacity = total(
            data.contact_capacity(g) * vars.assigned(g, t) for g in data.groups if g.profession == p and vars.has(g, t)
        )
        model.add(capacity >= needed).only_enforce_if(on)
