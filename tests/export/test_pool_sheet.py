"""The pool sheet (Puljer): a solved town with one competence centre, shown with display names and Danish words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from instances import make_instance
from openpyxl import Workbook
from rulecase import SCHOOLS, STAFF, TEAMS, solved

from optimiser.domain import Pool, PoolKind
from optimiser.export.pool_sheet import write_pool_sheet
from optimiser.names import Names

CENTRE = Pool(id="kc_1", name="Søskolens center", kind=PoolKind.CENTRE, home="sA", professions=frozenset({"psy"}))


def test_the_sheet_lists_each_pool_over_its_catchment_then_per_team(tmp_path: Path) -> None:
    # m1's 0.8 practice-near FTE over both schools by need: sA 0.2, sB 0.6 (tests/test_pools.py).
    town = make_instance(TEAMS, SCHOOLS, STAFF, staff_extra={"m1": {"pool_id": "kc_1"}}, pools=[CENTRE])
    book = Workbook()
    book.remove(book.active)
    write_pool_sheet(book, town, solved(town), Names.of(town), "da")
    book.save(tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx")["Puljer"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=4) if row[0].value]
    assert rows[0] == (
        "Pulje", "Art", "Hjem", "Optageområde", "Faggruppe", "Team", "Institutioner", "Behov (årsværk)",
        "Puljens årsværk", "Dækning",
    )  # fmt: skip
    assert rows[1][:7] == ("Søskolens center", "kompetencecenter", "sA", "eget område", "Psy", "hele optageområdet", 2)
    assert [round(r[7], 6) for r in rows[1:]] == [0.8, 0.2, 0.6]
    assert [r[5] for r in rows[2:]] == ["Team A", "Team B"]
    assert [r[9] for r in rows[1:]] == [1.0, 1.0, 1.0]


def test_no_sheet_without_pools() -> None:
    town = make_instance(TEAMS, SCHOOLS, STAFF)
    book = Workbook()
    write_pool_sheet(book, town, solved(town), Names.of(town), "da")
    assert book.sheetnames == ["Sheet"]
