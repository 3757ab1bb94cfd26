"""`bydelsteam runs list|show ID|delete ID|rerun ID`: the run store (every solve through the CLI or the app).

`rerun ID` solves the run again from its stored inputs (workbook bytes, scenario, need edits, locks, overrides;
`scenarios.rerun`) and says whether the plan is identical — the same team for everyone and the same new
posts — or lists the differences. Exit 0 identical, 1 different, 2 cannot rerun (no such run, a run stored
before runs kept their inputs, inputs that no longer apply).

The store is `.bydelsteam/runs.sqlite` in the working directory, or the database `BYDELSTEAM_DB_URL` names
(`scenarios.store`). Exit codes: 0 done; 2 no such run, or the store cannot be opened, read or written
(locked, full, not a database, another schema: a message, never a traceback); `rerun` as above. Stored text
is printed with its control characters escaped (`fmt.printable`), so a scenario name cannot steer the terminal.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from optimiser import fmt, i18n
from optimiser.i18n import N_, text
from optimiser.io.cpr import mask_cpr
from optimiser.problems import Lang
from optimiser.vocabulary import short_status
from scenarios.errors import StoreError, store_reason
from scenarios.store import RunRecord, RunStore

TEXT: dict[str, str] = {
    "no_store": N_("The run store cannot be used: {error}."),
    "empty": N_("No runs are stored yet."),
    "missing": N_("There is no run no. {id}."),
    "gone": N_("There is no run no. {id} (it does not exist or was deleted already)."),
    "not_written": N_("The result cannot be written to {path} ({error})."),
    "deleted": N_("Run no. {id} is deleted."),
    "written": N_("The result is written to {path}."),
}
HEADERS: tuple[str, ...] = (
    N_("No."),
    N_("Time (UTC)"),
    N_("Command"),
    N_("Scenario"),
    N_("Workbook"),
    N_("Status"),
    N_("Shortfall"),
    N_("Moved"),
)
FIELDS: dict[str, str] = {
    "id": N_("No."),
    "created_at": N_("Stored"),
    "started_at": N_("Started"),
    "finished_at": N_("Finished"),
    "command": N_("Command"),
    "inputs_hash": N_("Inputs hash (sha256)"),
    "book_name": N_("Workbook"),
    "book_sha256": N_("Workbook sha256"),
    "scenario_name": N_("Scenario"),
    "structure": N_("Structure"),
    "solver": N_("Solver"),
    "status": N_("Status"),
    "versions": N_("Versions"),
    "parameters": N_("Parameters"),
    "kpis": N_("KPIs"),
    "scenario_text": N_("Scenario file"),
    "inputs": N_("Inputs for rerun"),
}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "The run store: every solve through the CLI or the app, with its inputs' hash, scenario, "
        "parameters, versions and result. Stored in .bydelsteam/runs.sqlite, or where BYDELSTEAM_DB_URL says."
    )
    actions = p.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="the latest runs, newest first")
    listing.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    show = actions.add_parser("show", help="one run in full")
    show.add_argument("id", type=int)
    show.add_argument("--result", metavar="OUT.json", help="also write the run's result (RESULT.json) here")
    delete = actions.add_parser("delete", help="delete one run")
    delete.add_argument("id", type=int)
    again = actions.add_parser("rerun", help="solve a run again from its stored inputs; is the plan the same?")
    again.add_argument("id", type=int)
    for action in (listing, show, delete, again):
        action.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    try:
        store = RunStore()
    except StoreError as err:
        print(text(TEXT["no_store"], lang, error=store_reason(err, lang)))
        return 2
    try:
        return _action(store, args, lang)
    except StoreError as err:
        print(text(TEXT["no_store"], lang, error=store_reason(err, lang)))
        return 2
    finally:
        store.close()


def _action(store: RunStore, args: argparse.Namespace, lang: Lang) -> int:
    if args.action == "list":
        return _list(store, args.limit, lang)
    if args.action == "rerun":
        return _rerun(store, args.id, lang)
    if args.action == "delete":
        # No look-up first: another process may delete the run in between; the DELETE's row count decides.
        if not store.delete(args.id):
            print(text(TEXT["gone"], lang, id=args.id))
            return 2
        print(text(TEXT["deleted"], lang, id=args.id))
        return 0
    record = store.get(args.id)
    if record is None:
        print(text(TEXT["missing"], lang, id=args.id))
        return 2
    print(_details(record, lang))
    if args.result:
        try:
            Path(args.result).write_text(record.result, encoding="utf-8")
        except OSError as err:
            error = err.strerror or type(err).__name__
            print(text(TEXT["not_written"], lang, path=fmt.printable(args.result), error=error))
            return 2
        print(text(TEXT["written"], lang, path=fmt.printable(args.result)))
    return 0


def _list(store: RunStore, limit: int, lang: Lang) -> int:
    records = store.list_runs(limit)
    if not records:
        print(text(TEXT["empty"], lang))
        return 0
    rows = []
    for r in records:
        kpis = r.kpis or {}
        shortfall = kpis.get("max_relative_shortfall")
        cells = [
            str(r.id),
            r.created_at.strftime("%d.%m.%Y %H:%M") if r.created_at else "",
            r.command,
            r.scenario_name or "–",
            r.book_name,
            short_status(r.status, lang),
            i18n.percent(shortfall, 1, lang) if isinstance(shortfall, float | int) else "–",
            str(kpis.get("staff_moved", "–")),
        ]
        rows.append([fmt.printable(c) for c in cells])
    print(fmt.table([text(h, lang) for h in HEADERS], rows, right={0, 6, 7}))
    return 0


def _details(record: RunRecord, lang: Lang) -> str:
    lines = []
    for key, label in FIELDS.items():
        value = getattr(record, key)
        if key in ("scenario_text", "inputs") or value is None:
            continue
        if key == "status":
            value = short_status(str(value), lang)
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        lines.append(f"{text(label, lang)}: {fmt.printable(str(value))}")
    lines.append(f"{text(FIELDS['inputs'], lang)}: {_inputs(record, lang)}")
    if record.scenario_text:
        # CPR numbers are refused in new scenarios; a run stored before that is shown masked.
        scenario = fmt.printable(mask_cpr(record.scenario_text.rstrip()), multiline=True)
        lines += [f"{text(FIELDS['scenario_text'], lang)}:", scenario]
    return "\n".join(lines)


RERUN: dict[str, str] = {
    "identical": N_(
        "Run no. {id} solved again: the plan is identical (the same team for everyone, the same new posts)."
    ),
    "different": N_("Run no. {id} solved again: the plan differs in {n} place(s):"),
    "team": N_("  {key}: {before} → {after}"),
    "new_posts": N_("  new posts {key}: {before} → {after} FTE"),
    "no_inputs": N_(
        "Run no. {id} cannot be run again: it was stored before runs kept their inputs (workbook, scenario, edits)."
    ),
    "no_book": N_("Run no. {id} cannot be run again: the store no longer has its workbook."),
    "bad_book": N_("Run no. {id} cannot be run again: its stored workbook no longer reads as valid ({detail})."),
    "bad_scenario": N_("Run no. {id} cannot be run again: its scenario no longer reads as valid in this version."),
    "no_longer_fits": N_("Run no. {id} cannot be run again: its inputs no longer fit together ({detail})."),
    "scenario_no_longer_fits": N_("Run no. {id} cannot be run again: its scenario no longer fits its workbook:"),
}


def _shown(value: str | float | None, teams: dict[str, str], lang: Lang) -> str:
    """A team by its name, FTE as a number, none as a dash."""
    if value is None:
        return "–"
    return fmt.printable(teams.get(value, value)) if isinstance(value, str) else i18n.number(value, 2, lang)


def _rerun(store: RunStore, run_id: int, lang: Lang) -> int:
    from scenarios.errors import ScenarioError, format_scenario_problems
    from scenarios.rerun import CannotRerun, NoSuchRun, rerun

    try:
        again = rerun(store, run_id, lang=lang)
    except NoSuchRun:
        print(text(TEXT["missing"], lang, id=run_id))
        return 2
    except CannotRerun as err:
        print(i18n.text(RERUN[err.code], lang, id=run_id, detail=fmt.printable(err.detail)))
        return 2
    except ScenarioError as err:
        print(i18n.text(RERUN["scenario_no_longer_fits"], lang, id=run_id))
        print(format_scenario_problems(err.problems, lang))
        return 2
    except ValueError as err:  # need edits or locks naming what the book does not have
        print(i18n.text(RERUN["no_longer_fits"], lang, id=run_id, detail=fmt.printable(str(err))))
        return 2
    if again.identical:
        print(i18n.text(RERUN["identical"], lang, id=run_id))
        return 0
    print(i18n.text(RERUN["different"], lang, id=run_id, n=len(again.differences)))
    teams = {t.id: t.name for t in again.outcome.applied.instance.teams}
    for d in again.differences:
        before, after = _shown(d.before, teams, lang), _shown(d.after, teams, lang)
        print(i18n.text(RERUN[d.kind], lang, key=fmt.printable(d.key), before=before, after=after))
    return 1


def _inputs(record: RunRecord, lang: Lang) -> str:
    """What `rerun` would use besides the workbook and the scenario file, or that the run has no inputs."""
    saved = record.inputs
    if saved is None:
        return i18n.text(N_("not stored (the run was stored before runs kept their inputs)"), lang)
    data = {
        "need_edits": saved.need_edits,
        "locks": saved.locks,
        "overrides": saved.overrides,
        "solver_settings": saved.solver_settings,
    }
    return fmt.printable(json.dumps(data, ensure_ascii=False, sort_keys=True))
