from instances import town as base
from rulecase import explained, solved, stage, team_of

from optimiser.domain import Parameters

# Team A: three small schools (10 children each); team B: one school of 370 children.
SMALL = [("a1", "A", 10), ("a2", "A", 10), ("a3", "A", 10), ("b", "B", 370)]


def test_every_institution_gets_a_contact_in_its_team() -> None:
    result = solved(base(institutions=SMALL))
    # Demand A 0.24, B 2.96: one person in A is contact for all three small schools.
    assert stage(result, "equity") == 0.1892  # B: 2.4 / 2.96
    contacts = {a.institution_id: a.contact_staff_id for a in result.institutions}
    where = team_of(result)
    assert all(where[c] == ("B" if i == "b" else "A") for i, c in contacts.items() if c)
    assert all(contacts.values())


def test_one_institution_per_contact_forces_three_into_a() -> None:
    result = solved(base(Parameters(contact_max_institutions=1), institutions=SMALL))
    # A needs three contacts: B keeps one person, 0.8 / 2.96.
    assert stage(result, "equity") == 0.7297
    assert sorted(team_of(result).values()) == ["A", "A", "A", "B"]


def test_minimum_slice_caps_contacts_too() -> None:
    # A slice of 0.5 FTE: one person (0.8 practice-near) can be contact for one institution only.
    result = solved(base(Parameters(contact_min_fte=0.5), institutions=SMALL))
    assert stage(result, "equity") == 0.7297
    assert all(a.fte >= 0.5 for a in result.institutions)


def test_too_many_institutions_for_the_contacts_is_explained() -> None:
    five = [(f"a{n}", "A", 10) for n in range(5)] + [("b", "B", 370)]
    text = explained(solved(base(Parameters(contact_max_institutions=1), institutions=five)))
    assert "(contact-load)" in text
    assert "Kommunen har 6 institutioner, der skal have en kontaktperson (Psy), men plads til 4." in text
