"""`bydelsteam runs list|show ID|delete ID`: the run store (every solve through the CLI or the app).

The store is `.bydelsteam/runs.sqlite` in the working directory, or the database `BYDELSTEAM_DB_URL` names
(`scenarios.store`). Exit codes: 0 done; 2 no such run, or the store cannot be opened, read or written
(locked, full, not a database, another schema: a message, never a traceback). Stored text is printed with its
control characters escaped (`fmt.printable`), so a scenario name cannot steer the terminal.
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
    for action in (listing, show, delete):
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
        if key == "scenario_text" or value is None:
            continue
        if key == "status":
            value = short_status(str(value), lang)
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        lines.append(f"{text(label, lang)}: {fmt.printable(str(value))}")
    if record.scenario_text:
        # CPR numbers are refused in new scenarios; a run stored before that is shown masked.
        scenario = fmt.printable(mask_cpr(record.scenario_text.rstrip()), multiline=True)
        lines += [f"{text(FIELDS['scenario_text'], lang)}:", scenario]
    return "\n".join(lines)
