"""Per-module kill scores of the last `mutmut run` (`make mutation`; docs/mutation.md).

mutmut prints one total; the target is per module, over the mutants that are not equivalent.
The equivalent ones are the mutant names in backticks in docs/mutation.md, each with its reason.
Exits 1 when a module is under --min percent, or a listed "equivalent" mutant was killed (the
list is stale: the module or its mutants changed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

from mutmut.stats import status_by_exit_code

DETECTED = {"killed", "timeout", "caught by type check"}
MUTANT_NAME_RE = re.compile(r"`([\w.]+__mutmut_\d+)`")


def equivalent_mutants(doc: Path) -> set[str]:
    return set(MUTANT_NAME_RE.findall(doc.read_text(encoding="utf-8")))


def module_statuses(module_path: str, mutants_dir: Path) -> dict[str, str]:
    meta = json.loads((mutants_dir / f"{module_path}.meta").read_text(encoding="utf-8"))
    return {name: status_by_exit_code[code] for name, code in meta["exit_code_by_key"].items()}


def report_module(module_path: str, statuses: dict[str, str], equivalent: set[str]) -> float:
    """Print one module's line and its live survivors; return its score over non-equivalent."""
    counted = {name: status for name, status in statuses.items() if name not in equivalent}
    killed = sum(1 for status in counted.values() if status in DETECTED)
    score = 100 * killed / len(counted) if counted else 100.0
    print(
        f"{module_path:28} {len(statuses):4} mutants  {len(statuses) - len(counted):3} equivalent"
        f"  {killed:4} killed  {score:6.1f} %"
    )
    for name, status in sorted(counted.items()):
        if status not in DETECTED:
            print(f"    {status:10} {name}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=95.0, help="lowest acceptable score, %%")
    parser.add_argument("--doc", type=Path, default=Path("docs/mutation.md"))
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="mutmut's folder")
    args = parser.parse_args()
    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    equivalent = equivalent_mutants(args.doc)
    failed = False
    for module_path in config["only_mutate"]:
        statuses = module_statuses(module_path, args.mutants)
        failed |= report_module(module_path, statuses, equivalent) < args.min
        for name in sorted(equivalent & {n for n, s in statuses.items() if s in DETECTED}):
            print(f"    listed as equivalent but killed: {name}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
