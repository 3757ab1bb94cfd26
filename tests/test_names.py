"""Display names: from the book where it has them, a readable id otherwise, staff names only when allowed."""

from __future__ import annotations

from optimiser.domain import Indicator, InstitutionType, Profession, readable
from optimiser.names import Names
from optimiser.sample import generate


def test_readable_ids() -> None:
    assert readable("tale_hørekonsulent") == "Tale hørekonsulent"
    assert readable("14_bydelsteams") == "14 bydelsteams"
    assert readable("") == ""


def test_a_profession_or_indicator_without_a_name_gets_a_readable_one() -> None:
    types = frozenset({InstitutionType.SCHOOL})
    assert Profession(id="tale_hørekonsulent", annual_cost_dkk=1, institution_types=types).name == "Tale hørekonsulent"
    named = Profession(id="psykolog", name="Psykolog (PPR)", annual_cost_dkk=1, institution_types=types)
    assert named.name == "Psykolog (PPR)"
    assert Indicator(id="ppr_sager_pr_100", name=" ").name == "Ppr sager pr 100"


def test_names_from_the_sample_book() -> None:
    names = Names.of(generate(), scenarios={"s2_26_klynger": "Scenarie 2: 26 klynger"})
    assert names.profession("tale_hørekonsulent") == "Tale-hørekonsulent"
    assert names.indicator("ppr_sager_pr_100") == "PPR-sager pr. 100 børn"
    assert names.area("vesterbro_kgs_enghave_valby") == "Vesterbro/Kgs. Enghave/Valby"
    assert names.team("amager_øst") == "Amager Øst"
    assert names.area_of("amager_øst") == "Amager"
    assert names.scenario("s2_26_klynger") == "Scenarie 2: 26 klynger"
    assert names.scenario("s9_ukendt") == "S9 ukendt"


def test_without_a_book_ids_are_shown_readably() -> None:
    names = Names()
    assert (names.profession("tale_hørekonsulent"), names.team("amager_øst")) == ("Tale hørekonsulent", "Amager øst")
    assert names.person("M0001") == "M0001"


def test_staff_names_only_when_not_pseudonymised() -> None:
    sample = generate()
    first = sample.staff[0].model_copy(update={"name": "Anna Jensen"})
    instance = sample.model_copy(update={"staff": (first, *sample.staff[1:])})
    assert Names.of(instance).person(first.id) == "Anna Jensen"
    assert Names.of(instance, pseudonymise=True).person(first.id) == first.id
    assert Names.of(instance).person(sample.staff[1].id) == sample.staff[1].id
