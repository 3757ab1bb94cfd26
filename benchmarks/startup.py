"""Start-up of the light commands: `bydelsteam --help`, `validate` and `template`, against `python -c pass`.

    .venv/bin/python -m benchmarks.startup [--repeats 5] [--out docs/startup.md]

Each command runs in a fresh process, as a planner starts it (the console script's own entry point,
`app.cli.main:main`); the figure is the median wall time of `--repeats` runs, and the ratio is to
`python -c pass` measured in the same run, so a loaded machine slows both alike. Target: `--help` under
0.5 s. `probe` runs one command in a child that records which heavy libraries it imported and how often it
opened the workbook (tests/benchmarks/test_startup.py checks both).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "kommune.xlsx"
# Libraries that cost seconds and hundreds of MB; none of the light commands needs one.
HEAVY = ("ortools", "pandas", "streamlit", "sqlalchemy")
HELP_TARGET_S = 0.5


def commands(folder: Path) -> dict[str, list[str]]:
    """Name -> the command's arguments; `template` writes into `folder` (a new file on every call)."""
    return {
        "--help": ["--help"],
        "validate": ["validate", str(SAMPLE)],
        "template": ["template", "--force", str(folder / "skabelon.xlsx")],
    }


# Runs one command under an audit hook that counts opens of the file named by BYDELSTEAM_PROBE_FILE, then
# writes the exit code, the heavy libraries imported and that count as JSON to BYDELSTEAM_PROBE_OUT.
_PROBE = """
import json, os, sys
watched = os.path.realpath(os.environ["BYDELSTEAM_PROBE_FILE"])
opens = 0
def hook(event, args):
    global opens
    if event == "open" and isinstance(args[0], str) and os.path.realpath(args[0]) == watched:
        opens += 1
sys.addaudithook(hook)
from app.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code or 0
heavy = sorted(m for m in json.loads(os.environ["BYDELSTEAM_PROBE_HEAVY"]) if m in sys.modules)
with open(os.environ["BYDELSTEAM_PROBE_OUT"], "w") as out:
    json.dump({"code": code, "heavy": heavy, "opens": opens}, out)
"""


@dataclass(frozen=True)
class Probe:
    code: int
    heavy: list[str]  # the libraries of HEAVY that the command imported
    opens: int  # times the watched file was opened


def probe(args: list[str], watched: Path = SAMPLE) -> Probe:
    """Run `bydelsteam ARGS` in a child process and report what it imported and how often it opened `watched`."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "probe.json"
        env = {
            **os.environ,
            "BYDELSTEAM_PROBE_FILE": str(watched),
            "BYDELSTEAM_PROBE_OUT": str(out),
            "BYDELSTEAM_PROBE_HEAVY": json.dumps(HEAVY),
        }
        subprocess.run(
            [sys.executable, "-c", _PROBE, *args], cwd=ROOT, env=env, capture_output=True, timeout=120, check=False
        )
        found = json.loads(out.read_text(encoding="utf-8"))
    return Probe(int(found["code"]), list(found["heavy"]), int(found["opens"]))


def seconds(argv: list[str], repeats: int) -> float:
    """Median wall time of `repeats` fresh runs of `argv`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=120, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(repeats: int) -> list[str]:
    entry = "from app.cli.main import main; import sys; sys.exit(main())"
    with tempfile.TemporaryDirectory() as folder:
        base = seconds([sys.executable, "-c", "pass"], repeats)
        rows = []
        for name, args in commands(Path(folder)).items():
            took = seconds([sys.executable, "-c", entry, *args], repeats)
            heavy = ", ".join(probe(args).heavy) or "none"
            rows.append(f"| `bydelsteam {name}` | {took:.3f} | {took / base:.1f} | {heavy} |")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        "# Start-up of the light commands",
        "",
        f"Produced by `python -m benchmarks.startup` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores (load average {load}), Python {platform.python_version()}. Median of {repeats} "
        f"fresh processes each; `python -c pass` took {base:.3f} s in the same run. Target: `--help` under "
        f"{HELP_TARGET_S} s. Heavy libraries watched: {', '.join(HEAVY)}.",
        "",
        "| command | seconds | × `python -c pass` | heavy libraries imported |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write the table here (Markdown) as well as printing it")
    args = parser.parse_args()
    text = "\n".join(report(args.repeats))
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
