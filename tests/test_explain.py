"""Explanations are reason codes made at solve time and given words only when shown, in either language."""

import json

from rulecase import base, psy, solved

from optimiser.domain import Contact, Parameters
from optimiser.explain import LOWEST, render
from optimiser.results import Reason, SolveResult
from optimiser.solve import solve


def test_numbers_shares_and_money_are_shown_in_the_readers_format() -> None:
    lowest = Reason(
        code=LOWEST,
        args={"profession": "psy", "team": "Team B", "demand_fte": 2.4, "supply_fte": 1.2, "coverage_pct0": 0.5},
    )
    posts = Reason(
        code="New posts: {new_fte} FTE for {used_dkk} of {budget_dkk}.",
        args={"new_fte": 1.5, "used_dkk": 900_000.0, "budget_dkk": 1_000_000.0},
    )
    assert render([lowest, posts], "da") == [
        "Lavest dækning: psy i Team B: behov 2,40 årsværk, dækket 1,20 (50 %).",
        "Nye stillinger: 1,50 årsværk for 900.000 kr. af 1.000.000 kr.",
    ]
    assert render([lowest, posts], "en") == [
        "Lowest coverage: psy in Team B: demand 2.40 FTE, supplied 1.20 (50%).",
        "New posts: 1.50 FTE for DKK 900,000 of DKK 1,000,000.",
    ]


def test_a_rule_is_shown_by_its_title_and_the_whole_municipality_by_name() -> None:
    clash = Reason(code="• {rule} ({rule_id})", args={"rule": "max-moves", "rule_id": "max-moves"})
    scope = Reason(
        code="{forced} locked staff must change team but at most {limit} may.", args={"forced": 2, "limit": 1}
    )
    assert render([clash, scope], "da") == [
        "• højst det fastsatte antal medarbejdere skifter team (max-moves)",
        "2 låste medarbejdere skal skifte team, men højst 1 må.",
    ]
    area = Reason(
        code="{area} has {needed} institutions needing a {profession} contact but room for {room}.",
        args={"area": "", "needed": 3, "profession": "psy", "room": 2},
    )
    assert render([area], "en") == ["The municipality has 3 institutions needing a psy contact but room for 2."]


def test_a_level_with_nested_reasons() -> None:
    why = Reason(code="the minimum of {n} per team ties whole persons", args={"n": 2})
    cell = Reason(code="{profession} in {team} ({why})", args={"profession": "psy", "team": "Team A", "why": why})
    level = Reason(
        code="Equity, level {n}: {level_pct} shortfall: {cells}.",
        args={"n": 1, "level_pct": 0.2504, "cells": [cell, cell]},
    )
    assert render([level], "da") == [
        "Lighed, niveau 1: 25,04 % mangel: psy i Team A (mindstekravet på 2 pr. team binder hele personer); "
        "psy i Team A (mindstekravet på 2 pr. team binder hele personer)."
    ]
    assert render([level.model_copy(update={"args": {**level.args, "level_pct": 0.25}})], "en")[0].startswith(
        "Equity, level 1: 25.0% shortfall: psy in Team A (the minimum of 2 per team ties whole persons); "
    )


def test_a_plan_solved_in_danish_reads_in_english() -> None:
    # today's contacts supplied (sheet Kontakter): m1 for sA, m4 for sB, both kept
    today = tuple(Contact(institution_id=i, profession="psy", staff_id=m) for i, m in (("sA", "m1"), ("sB", "m4")))
    result = solved(base().model_copy(update={"contacts": today}))
    assert render(result.explanation, "en") == [
        "Lowest coverage: psy in Team A: demand 0.80 FTE, supplied 0.80 (100%).",
        "2 staff change team; 0 institutions get a new contact.",
    ]
    assert render(result.explanation, "da")[-1] == "2 medarbejdere skifter team; 0 institutioner får ny kontaktperson."


def test_without_todays_contacts_the_summary_says_they_were_not_supplied() -> None:
    result = solved(base())
    assert render(result.explanation, "da")[-1] == (
        "2 medarbejdere skifter team; dagens kontaktpersoner er ikke oplyst (arket Kontakter)."
    )


def test_an_infeasible_scenario_names_the_clashing_rules_with_figures() -> None:
    instance = base(Parameters(max_moves=0), professions=[psy(min_per_team=2)])  # B has one, nobody may move
    result = solve(instance)
    assert render(result.explanation, "en") == [
        "The scenario cannot be solved: these rules cannot all hold at once:",
        "• every team has at least the set number of staff of each profession (team-minimum-per-profession)",
        "• at most the set number of staff change team (max-moves)",
        "Relax one of the rules (Parametre: slå_fra_regler), or change the figures named above.",
    ]


def test_a_result_saved_with_sentences_still_loads_and_shows_them(tmp_path: object) -> None:
    raw = json.loads(solved(base()).model_dump_json())
    raw["explanation"] = ["En gammel sætning."]
    old = SolveResult.model_validate(raw)
    assert render(old.explanation, "en") == ["En gammel sætning."]
