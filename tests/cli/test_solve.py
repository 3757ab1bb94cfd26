"""`bydelsteam solve`'s printed summary: the specialist pools' coverage over their catchments."""

from __future__ import annotations

from instances import make_instance
from rulecase import SCHOOLS, STAFF, TEAMS, solved

from app.cli.solve import summary
from optimiser.domain import Pool, PoolKind
from optimiser.names import Names


def test_the_summary_shows_each_pool_by_name() -> None:
    centre = Pool(id="kc_1", name="Søskolens center", kind=PoolKind.CENTRE, home="sA", professions=frozenset({"psy"}))
    town = make_instance(TEAMS, SCHOOLS, STAFF, staff_extra={"m1": {"pool_id": "kc_1"}}, pools=[centre])
    lines = summary(solved(town), "da", Names.of(town)).splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("Specialistpulje"))
    assert lines[header].split() == [
        "Specialistpulje",
        "Faggruppe",
        "Behov",
        "(årsværk)",
        "Puljens",
        "årsværk",
        "Dækning",
    ]
    assert lines[header + 2].split() == ["Søskolens", "center", "Psy", "0,80", "0,80", "100,0", "%"]
    assert "kc_1" not in "\n".join(lines)
