"""Rule changes must come with a version bump, so Dagster marks the right assets stale and facts say their rule set.

tests/code_versions.json records, for each versioned unit, its version and a hash of its source. Changing
the source without bumping the version fails here; after bumping, refresh the file with
`.venv/bin/python tests/test_versions.py`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORD = Path(__file__).resolve().parent / "code_versions.json"


def units() -> dict[str, tuple[str, list[Path]]]:
    sys.path.insert(0, str(REPO))
    from pipeline.defs import ingestion
    from pipeline.extract import entities, quantities, roles, times

    extract = REPO / "pipeline" / "extract"
    return {
        "quantities": (quantities.VERSION, [extract / "quantities.py"]),
        "time_expressions": (times.VERSION, [extract / "times.py", REPO / "pipeline" / "text.py"]),
        "entities": (entities.VERSION, [extract / "entities.py", extract / "registry.py"]),
        "roles": (roles.VERSION, [extract / "roles.py", extract / "context.py"]),
        "ingestion": (ingestion.INGESTION_VERSION, sorted((REPO / "pipeline" / "ingest").glob("*.py"))),
    }


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def current() -> dict[str, dict[str, str]]:
    return {name: {"version": version, "source_sha256": fingerprint(paths)} for name, (version, paths) in units().items()}


def test_changed_rules_bump_their_version():
    recorded = json.loads(RECORD.read_text())
    for name, now in current().items():
        before = recorded.get(name)
        assert before is not None, f"{name} is not recorded; run `.venv/bin/python tests/test_versions.py`"
        if now["source_sha256"] != before["source_sha256"]:
            assert now["version"] != before["version"], (
                f"the source of {name} changed but its version is still {now['version']}: bump the VERSION "
                "constant, then run `.venv/bin/python tests/test_versions.py` to record it")


if __name__ == "__main__":
    RECORD.write_text(json.dumps(current(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {RECORD}")
