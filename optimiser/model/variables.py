"""The variables container: every decision variable of the allocation model, and nothing else.

Constraint and objective modules reach variables only through these methods, never through raw dicts.
"""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from optimiser.model.data import FTE_UNIT, PERMILLE, RATIO_UNIT, ProblemData, StaffGroup
from optimiser.model.rules import RULE_NAMES

Expr = cp_model.LinearExpr
ZERO = cp_model.LinearExpr.constant(0)


def total(terms: Iterable[Expr | int]) -> Expr:
    """Sum of linear terms as one typed expression (the built-in sum loses the type)."""
    result: Expr = cp_model.LinearExpr.sum(list(terms))
    return result


class Variables:
    """Decision variables.

    * `assigned(g, t)`: how many members of staff group g go to team t (only for candidate pairs);
    * `stay(g, t)`: how many of them are in t now and stay (at most those now there and those placed);
    * `supply(t, p)`: practice-near FTE that team t gives profession p's institutions (SUPPLY_UNIT);
    * `shortfall(t, p)`: demand not met, (D - S)+ (SUPPLY_UNIT);
    * `new_fte(t, p)`: new posts bought (FTE hundredths), only when a budget allows new posts: none, or at
      least the smallest post (`Parameters.min_post_fte`), so no 0.01 FTE post is bought;
    * `relative_shortfall(t, p)`: (D - S)+ / D of one cell with demand, rounded up (RATIO_UNIT);
    * `max_relative_shortfall`: the equity measure, the largest relative shortfall (RATIO_UNIT);
    * `equity_slack`: how far every held leximin level may give way (RATIO_UNIT; fixed per stage);
    * `rule(name)`: the enforcement literal of each constraint family.

    With `full=False`, pairs (g, t) that the enabled rules prune (`ProblemData.candidate_teams`) are never
    created: the same model, smaller. `full=True` creates
    every pair so that the explanation solve can relax those rules.
    """

    def __init__(self, model: cp_model.CpModel, data: ProblemData, full: bool = False) -> None:
        self.model = model
        self.data = data
        self.full = full
        self._rule = {name: model.new_bool_var(f"rule[{name}]") for name in RULE_NAMES}
        self._x: dict[tuple[int, str], cp_model.IntVar] = {}
        self._stay: dict[tuple[int, str], cp_model.IntVar] = {}
        for g in data.groups:
            for t in data.candidate_teams(g, full):
                self._x[g.index, t] = model.new_int_var(0, g.size, f"x[{g.index},{t}]")
                if g.now_in(t):
                    self._stay[g.index, t] = model.new_int_var(0, g.now_in(t), f"stay[{g.index},{t}]")

        self._supply: dict[tuple[str, str], cp_model.IntVar] = {}
        self._short: dict[tuple[str, str], cp_model.IntVar] = {}
        self._new: dict[tuple[str, str], cp_model.IntVar] = {}
        self._rel: dict[tuple[str, str], cp_model.IntVar] = {}
        total_fte = {p: sum(g.fte * g.size for g in data.groups if g.profession == p) for p in data.professions}
        for t in data.teams:
            for p in data.professions:
                demand = data.demand[t, p]
                new_cap = self._new_post_cap(t, p)
                cap = (total_fte[p] + new_cap) * PERMILLE  # practice share at most 100 %
                self._supply[t, p] = model.new_int_var(0, cap, f"supply[{t},{p}]")
                self._short[t, p] = model.new_int_var(0, demand, f"short[{t},{p}]")
                smallest = round(data.params.min_post_fte * FTE_UNIT)
                if new_cap >= smallest:
                    # none, or at least the smallest post: a literal per cell (solves faster on the sample's
                    # 6.4 mio. kr. case than a domain with a hole, {0} and [smallest, cap])
                    new = model.new_int_var(0, new_cap, f"new[{t},{p}]")
                    bought = model.new_bool_var(f"bought[{t},{p}]")
                    model.add(new >= smallest * bought)
                    model.add(new <= new_cap * bought)
                    self._new[t, p] = new
                if demand > 0:
                    self._rel[t, p] = model.new_int_var(0, RATIO_UNIT, f"rel[{t},{p}]")
        self._z = model.new_int_var(0, RATIO_UNIT, "max_relative_shortfall")
        self._slack = model.new_int_var(0, RATIO_UNIT, "equity_slack")

    # -- construction helpers -------------------------------------------------------------------
    def _new_post_cap(self, team: str, profession: str) -> int:
        """Upper bound on new FTE (hundredths) for one team and profession: what the budget could buy."""
        data = self.data
        if not data.new_posts or data.demand[team, profession] == 0:
            return 0
        # Never more than the whole demand can use (but the smallest post), nor than the budget buys: small domains.
        cap = max(
            -(-data.demand[team, profession] // data.practice_permille[profession]),
            round(data.params.min_post_fte * FTE_UNIT),
        )
        budget = data.params.budget_dkk
        price = data.price_per_hundredth(profession)
        if budget is not None and price > 0 and not self.full:  # the full model may relax the budget
            cap = min(cap, int(budget // price))
        return max(0, cap)

    # -- accessors -------------------------------------------------------------------------------
    def rule(self, name: str) -> cp_model.IntVar:
        return self._rule[name]

    def rules(self) -> dict[str, cp_model.IntVar]:
        return dict(self._rule)

    def teams_of(self, g: StaffGroup) -> list[str]:
        """Teams that group g has a variable for."""
        return [t for t in self.data.teams if (g.index, t) in self._x]

    def assigned(self, g: StaffGroup, team: str | None) -> Expr:
        """Members of g in `team`; the constant 0 where the pair was never created."""
        return self._x.get((g.index, team or ""), ZERO)

    def assignment_var(self, g: StaffGroup, team: str) -> cp_model.IntVar:
        """The variable of a pair that exists (see `teams_of`)."""
        return self._x[g.index, team]

    def has(self, g: StaffGroup, team: str) -> bool:
        return (g.index, team) in self._x

    def staff_fte(self, team: str, profession: str, pools: bool = True) -> Expr:
        """FTE (hundredths) of existing staff of `profession` in `team`; `pools=False`: the team's own staff,
        a specialist pool's apart (they are not the team's supply)."""
        return total(
            g.fte * self._x[g.index, team]
            for g in self.data.groups
            if g.profession == profession and (g.index, team) in self._x and (pools or g.pool_id is None)
        )

    def headcount(self, team: str, profession: str | None = None) -> Expr:
        """The team's own staff (of `profession`), a specialist pool's apart."""
        return total(
            self._x[g.index, team]
            for g in self.data.groups
            if (profession is None or g.profession == profession) and (g.index, team) in self._x and g.pool_id is None
        )

    def supply(self, team: str, profession: str) -> cp_model.IntVar:
        return self._supply[team, profession]

    def shortfall(self, team: str, profession: str) -> cp_model.IntVar:
        return self._short[team, profession]

    def new_fte(self, team: str, profession: str) -> Expr:
        return self._new.get((team, profession), ZERO)

    def new_post_pairs(self) -> list[tuple[str, str]]:
        return list(self._new)

    def max_relative_shortfall(self) -> cp_model.IntVar:
        return self._z

    def relative_shortfall(self, team: str, profession: str) -> cp_model.IntVar:
        return self._rel[team, profession]

    def cells(self) -> list[tuple[str, str]]:
        """(team, profession) cells with demand: the cells that the equity stage levels."""
        return list(self._rel)

    def equity_slack(self) -> cp_model.IntVar:
        return self._slack

    def stays(self) -> list[tuple[cp_model.IntVar, cp_model.IntVar]]:
        """(stay, assigned) variable pairs: a group's stayers in a team are no more than those placed there."""
        return [(var, self._x[key]) for key, var in self._stay.items()]

    def moves(self) -> Expr:
        """Staff who leave their current team: everyone who cannot stay."""
        return total(g.size for g in self.data.groups) - total(self._stay.values())

    def new_posts_cost(self) -> Expr:
        """Annual cost of new posts in whole DKK (overhead included), priced per hundredth FTE."""
        return total(self.data.price_per_hundredth(p) * var for (_team, p), var in self._new.items())

    def all_variables(self) -> list[cp_model.IntVar]:
        """Every decision variable, for hints."""
        return [
            *self._x.values(),
            *self._supply.values(),
            *self._short.values(),
            *self._new.values(),
            *self._rel.values(),
            self._z,
        ]
