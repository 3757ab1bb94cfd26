"""The robustness tests' small book: one profession `psy` in three teams (A and B in area x, C in area y),
six schools, eight staff, one indicator `idx` weighted 0.8."""

from __future__ import annotations

from instances import make_instance

from optimiser.domain import Instance, NeedWeight, Parameters


def small(params: Parameters | None = None) -> Instance:
    return make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("s1", "A", 300), ("s2", "A", 120), ("s3", "B", 200), ("s4", "B", 60), ("s5", "C", 250), ("s6", "C", 90)],
        [(f"p{n}", "psy", 1.0, t) for n, t in enumerate("AAABBCCC")],
        indicators={f"s{k}": {"idx": v} for k, v in zip(range(1, 7), [1.2, 0.6, 1.5, 2.0, 0.8, 1.1], strict=True)},
        weights=[NeedWeight(profession="psy", indicator="idx", weight=0.8)],
        params=params,
    )
