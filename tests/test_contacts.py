"""Sharing a team's supply over its institutions, and naming contacts; today's contacts from sheet Kontakter."""

from pathlib import Path

import openpyxl
from instances import town as base
from pytest import approx
from rulecase import solved

from optimiser.contacts import current_contacts, share_out, ties_broken
from optimiser.domain import Contact, Parameters
from optimiser.io import ReadResult, read_book, render
from optimiser.results import InstitutionAllocation


def test_share_in_proportion_to_demand() -> None:
    assert share_out(2.0, {"a": 1.0, "b": 3.0}, 0.0) == {"a": 0.5, "b": 1.5}


def test_minimum_slice_lifts_small_institutions() -> None:
    # Proportional would give 0.1, 0.1, 0.8; a and b are lifted to 0.15 and c gets the remaining 0.7.
    out = share_out(1.0, {"a": 1.0, "b": 1.0, "c": 8.0}, 0.15)
    assert out == {"a": approx(0.15), "b": approx(0.15), "c": approx(0.7)}


def test_too_little_for_the_minimum_is_proportional() -> None:
    assert share_out(0.2, {"a": 1.0, "b": 3.0}, 0.15) == {"a": approx(0.05), "b": approx(0.15)}


def test_no_demand_shares_equally() -> None:
    assert share_out(1.0, {"a": 0.0, "b": 0.0}, 0.0) == {"a": 0.5, "b": 0.5}


def test_current_contacts_go_to_the_colleague_with_most_room() -> None:
    # Team A has m1, m2, m3 (equal room: the lowest id wins); team B has m4.
    two_in_a = base(institutions=[("a1", "A", 200), ("a2", "A", 100), ("sB", "B", 300)])
    assert current_contacts(two_in_a, Parameters()) == {
        ("a1", "psy"): "m1",
        ("a2", "psy"): "m2",
        ("sB", "psy"): "m4",
    }


def test_contacts_stay_when_their_person_stays() -> None:
    # m1 (contact of sA) stays in A; the two who move to B are m2 and m3, and sB keeps m4.
    today = (
        Contact(institution_id="sA", profession="psy", staff_id="m1"),
        Contact(institution_id="sB", profession="psy", staff_id="m4"),
    )
    result = solved(base().model_copy(update={"contacts": today}))
    contacts = {a.institution_id: a.contact_staff_id for a in result.institutions}
    assert contacts == {"sA": "m1", "sB": "m4"}
    assert result.kpis is not None and result.kpis.contacts_changed == 0


def test_without_the_sheet_contacts_changed_is_not_known() -> None:
    result = solved(base())
    assert result.kpis is not None and result.kpis.contacts_changed is None


def test_supplied_contacts_are_kept_and_count_ties_broken() -> None:
    # The sheet names m3 for sA and m2 for sB; m2 and m3 move to B, so sA's tie to m3 is broken (m3 is in B
    # now) and sB keeps m2: one tie broken, whatever the stand-in procedure would have named.
    today = (
        Contact(institution_id="sA", profession="psy", staff_id="m3"),
        Contact(institution_id="sB", profession="psy", staff_id="m2"),
    )
    instance = base().model_copy(update={"contacts": today})
    assert current_contacts(instance, Parameters()) == {("sA", "psy"): "m3", ("sB", "psy"): "m2"}
    result = solved(instance)
    moved = {a.staff_id for a in result.assignments if a.moved}
    contacts = {a.institution_id: a.contact_staff_id for a in result.institutions}
    assert moved == {"m2", "m3"} and contacts["sB"] == "m2"
    assert result.kpis is not None and result.kpis.contacts_changed == 1


def test_ties_broken_counts_each_supplied_contact_once() -> None:
    today = [
        Contact(institution_id="a", profession="psy", staff_id="m1"),
        Contact(institution_id="b", profession="psy", staff_id="m2"),
        Contact(institution_id="c", profession="psy", staff_id="m3"),
    ]
    plan = [
        InstitutionAllocation(institution_id="a", team_id="A", profession="psy", fte=0.5, contact_staff_id="m1"),
        InstitutionAllocation(institution_id="b", team_id="A", profession="psy", fte=0.5, contact_staff_id="m1"),
    ]  # a kept, b given to m1, c not served: two broken
    assert ties_broken(today, plan) == 2
    assert ties_broken([], plan) is None


HEADER: list[object] = ["institution_id", "faggruppe", "medarbejder_id"]


def _read_with(tiny_book: Path, rows: list[list[object]]) -> ReadResult:
    """The tiny book with these rows under the header of its (empty) sheet Kontakter."""
    book = openpyxl.load_workbook(tiny_book)
    for values in rows:
        book["Kontakter"].append(values)
    edited = tiny_book.with_name("contacts.xlsx")
    book.save(edited)
    return read_book(edited)


def test_the_contacts_sheet_is_read(tiny_book: Path) -> None:
    result = _read_with(tiny_book, [["I1", "psykolog", "M1"]])
    assert result.instance is not None
    assert result.instance.contacts == (Contact(institution_id="I1", profession="psykolog", staff_id="M1"),)


def test_bad_contacts_are_reported_by_sheet_row_and_column(tiny_book: Path) -> None:
    rows: list[list[object]] = [
        ["I1", "psykolog", "M9"],  # row 2: no such staff member
        ["I4", "psykolog", "M4"],  # row 3: M4 is a speech therapist (tale)
        ["I2", "psykolog", "M2"],  # row 4: fine
        ["I2", "psykolog", "M1"],  # row 5: I2 has a psychologist contact already
        ["I7", "psykolog", "M1"],  # row 6: no such institution
    ]
    found = [(p.sheet, p.row, p.column, p.code) for p in _read_with(tiny_book, rows).problems]
    assert found == [
        ("Kontakter", 2, "medarbejder_id", "unknown_reference"),
        ("Kontakter", 3, "medarbejder_id", "contact_other_profession"),
        ("Kontakter", 5, "institution_id", "duplicate_contact"),
        ("Kontakter", 6, "institution_id", "unknown_reference"),
    ]


def test_the_messages_say_what_is_wrong_in_danish(tiny_book: Path) -> None:
    (problem,) = _read_with(tiny_book, [["I4", "psykolog", "M4"]]).problems
    shown = render(problem, "da")
    assert "Kontakter" in shown and "M4" in shown and "ikke psykolog" in shown
