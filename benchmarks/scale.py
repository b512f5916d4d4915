"""Scale benchmark: full builds of generated corpora of growing size, an incremental build and the seed build.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--work DIR] [--seed S] [--incremental-size N]

For each size: write a corpus with benchmarks/scale_corpus.py into WORK/size-N/seeds, then run
`python -m pipeline build --seeds SEEDS --dist DIST` in a subprocess with a fresh DAGSTER_HOME and a fixed
SOURCE_DATE_EPOCH, measuring wall time and the peak resident memory of the build process (ru_maxrss from
wait4 on that process, so it counts the build and anything it waited for, never this harness). For the
middle size (10,000 with the default sizes), add 1% new documents to the same seeds folder and build again
with the same DAGSTER_HOME and dist folder: the incremental run. Then build the repository's own seeds/
(one document) from scratch: the seed build.

Prints one table and the targets with pass/fail marks, and writes every figure to
benchmarks/scale_results.json (--out). A failing build prints the tail of its stderr and the harness goes on.
Logs of each build stay in WORK (a temporary folder, removed at the end unless --work or --keep-work is given).
`make bench-scale` runs it with the default sizes; the 100,000 build takes a long time on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from scale_corpus import DEFAULT_SEED, write_corpus  # noqa: E402

SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: builds are reproducible whatever day they run
MARKER = ".scale-benchmark"  # folders this harness made (and may remove when it runs again)
INCREMENTAL_SHARE = 0.01
# Targets (see the scale issue).
FULL_10K_SECONDS = 120.0
INCREMENTAL_SHARE_OF_FULL = 0.10
PEAK_100K_MIB = 4096.0
LINEAR_TOLERANCE = 1.10  # peak/size may grow by 10% between sizes and still count as linear
SEED_BUILD_SECONDS = 8.0
_ASSET_LINE = re.compile(r"^\s{2}(\w+)\s+(?:([\d,]+) rows)?\s+([\d.]+) s\s*$")


# ---------------------------------------------------------------------------- one build
def run_build(python: str, seeds: Path, dist: Path, home: Path, logs: Path, timeout: float) -> dict:
    """Run `python -m pipeline build` and measure it: wall seconds, CPU seconds, peak RSS, the release's counts."""
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / "build.stdout", logs / "build.stderr"
    env = dict(os.environ, DAGSTER_HOME=str(home), SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    command = [python, "-m", "pipeline", "build", "--seeds", str(seeds), "--dist", str(dist)]
    timed_out = threading.Event()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)

        def stop() -> None:  # the build's own process group, which this harness started
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    result = {
        "command": " ".join(command), "exit_status": proc.returncode, "timed_out": timed_out.is_set(),
        "wall_seconds": round(wall, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        "logs": str(logs),
    }
    lines = [line for line in stdout.splitlines() if line.strip()]
    folder = Path(lines[-1].strip()) if lines else None
    if proc.returncode != 0 or folder is None or not (folder / "datapackage.json").is_file():
        result["ok"] = False
        result["stderr_tail"] = (stderr or stdout).splitlines()[-30:]
        return result
    result["ok"] = True
    result["release"] = str(folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    counts = package.get("row_counts") or {}
    result["row_counts"] = counts
    result["documents"] = counts.get("documents")
    result["rejected"] = counts.get("rejected_documents")
    result["rejected_by_reason"] = _reasons(folder / "data" / "rejected_documents.csv")
    result["asset_seconds"] = {m.group(1): float(m.group(3)) for m in map(_ASSET_LINE.match, stdout.splitlines()) if m}
    return result


def _reasons(path: Path) -> dict[str, int]:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return dict(sorted(Counter(row.get("reason") or "?" for row in csv.DictReader(handle)).items()))
    except OSError:
        return {}


def _report_failure(what: str, build: dict) -> None:
    why = "timed out" if build.get("timed_out") else f"exit status {build['exit_status']}"
    print(f"  FAILED: {what} ({why}, {build['wall_seconds']:.1f} s); last lines of its output "
          f"(logs in {build['logs']}):", flush=True)
    for line in build.get("stderr_tail") or ["(no output)"]:
        print(f"    | {line}", flush=True)


# ---------------------------------------------------------------------------- folders
def _fresh(folder: Path) -> Path:
    """An empty folder for one size; an earlier run's folder (with the marker) is removed first."""
    if folder.exists():
        if not (folder / MARKER).exists():
            raise SystemExit(f"error: {folder} exists and was not made by this benchmark; pass another --work")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by benchmarks/scale.py; removed when it runs again\n", encoding="utf-8")
    return folder


def _machine(python: str) -> dict:
    info = {"cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "machine": platform.machine(),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if python != sys.executable:
        try:
            info["build_python"] = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                                  capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpu, re.MULTILINE)
        info["cpu"] = model.group(1).strip() if model else None
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        info["memory_gib"] = round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None
    except OSError:
        pass
    try:  # read-only
        info["git_commit"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True,
                                            text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        pass
    return info


# ---------------------------------------------------------------------------- targets and the table
def _targets(sizes: list[dict], incremental: dict | None, seed_build: dict | None) -> list[dict]:
    ok = {s["size"]: s for s in sizes if s.get("build", {}).get("ok")}
    targets = []

    def add(name: str, passed: bool | None, figure: str) -> None:
        targets.append({"target": name, "pass": passed, "figure": figure})

    if 10_000 in ok:
        seconds = ok[10_000]["build"]["wall_seconds"]
        add(f"full 10,000 build < {FULL_10K_SECONDS:.0f} s", seconds < FULL_10K_SECONDS, f"{seconds:.1f} s")
    else:
        add(f"full 10,000 build < {FULL_10K_SECONDS:.0f} s", None, "not measured" if 10_000 not in {s['size'] for s in sizes} else "build failed")
    if incremental and incremental.get("build", {}).get("ok") and incremental["size"] in ok:
        full = ok[incremental["size"]]["build"]["wall_seconds"]
        share = incremental["build"]["wall_seconds"] / full
        add(f"incremental < {INCREMENTAL_SHARE_OF_FULL:.0%} of full", share < INCREMENTAL_SHARE_OF_FULL,
            f"{share:.0%} ({incremental['build']['wall_seconds']:.1f} s of {full:.1f} s at {incremental['size']:,})")
    else:
        add(f"incremental < {INCREMENTAL_SHARE_OF_FULL:.0%} of full", None, "not measured" if not incremental else "build failed")
    if 100_000 in ok:
        peak = ok[100_000]["build"]["peak_rss_mib"]
        add(f"100,000 peak memory < {PEAK_100K_MIB / 1024:.0f} GiB", peak < PEAK_100K_MIB, f"{peak:,.0f} MiB")
    else:
        add(f"100,000 peak memory < {PEAK_100K_MIB / 1024:.0f} GiB", None, "not measured" if 100_000 not in {s['size'] for s in sizes} else "build failed")
    measured = sorted(ok)
    if len(measured) >= 2:
        ratios = [(n, ok[n]["build"]["peak_rss_mib"] / n) for n in measured]
        linear = all(b[1] <= a[1] * LINEAR_TOLERANCE for a, b in zip(ratios, ratios[1:]))
        (a, pa), (b, pb) = ((n, ok[n]["build"]["peak_rss_mib"]) for n in measured[-2:])
        slope = (pb - pa) / (b - a) * 1000  # MiB per 1,000 more documents, between the two largest sizes
        add("peak memory grows no faster than linearly (peak/size does not rise)", linear,
            ", ".join(f"{n:,}: {r * 1000:,.0f} MiB per 1,000 docs" for n, r in ratios)
            + f"; marginal {slope:,.0f} MiB per 1,000 docs from {a:,} to {b:,}"
            + (f", which projects {pb + slope * (100_000 - b) / 1000:,.0f} MiB at 100,000" if b < 100_000 else ""))
    else:
        add("peak memory grows no faster than linearly (peak/size does not rise)", None, "needs two sizes")
    if seed_build and seed_build.get("ok"):
        add(f"seed build < {SEED_BUILD_SECONDS:.0f} s", seed_build["wall_seconds"] < SEED_BUILD_SECONDS,
            f"{seed_build['wall_seconds']:.1f} s")
    else:
        add(f"seed build < {SEED_BUILD_SECONDS:.0f} s", None, "not measured" if not seed_build else "build failed")
    return targets


def _print_table(sizes: list[dict], incremental: dict | None, seed_build: dict | None, targets: list[dict]) -> None:
    head = (f"{'size':>8} {'accepted':>9} {'rejected':>9} {'gen s':>7} {'build s':>8} {'docs/s':>7} {'peak MiB':>9} "
            f"{'cpu s':>7} {'incr s':>7} {'incr %':>7}")
    print()
    print(head)
    print("-" * len(head))
    for s in sizes:
        b = s.get("build", {})
        inc = incremental if incremental and incremental["size"] == s["size"] else None
        inc_s = inc_p = "-"
        if inc and inc["build"].get("ok"):
            inc_s = f"{inc['build']['wall_seconds']:.1f}"
            inc_p = f"{inc['build']['wall_seconds'] / b['wall_seconds']:.0%}" if b.get("ok") else "-"
        elif inc:
            inc_s = "failed"
        if b.get("ok"):
            print(f"{s['size']:>8,} {b['documents']:>9,} {b['rejected']:>9,} {s['generate_seconds']:>7.1f} "
                  f"{b['wall_seconds']:>8.1f} {b['documents'] / b['wall_seconds']:>7.1f} {b['peak_rss_mib']:>9,.0f} "
                  f"{b['cpu_seconds']:>7.1f} {inc_s:>7} {inc_p:>7}")
        else:
            print(f"{s['size']:>8,} {'-':>9} {'-':>9} {s.get('generate_seconds', 0):>7.1f} "
                  f"{'failed' if b else '-':>8} {'-':>7} {b.get('peak_rss_mib', 0):>9,.0f} {b.get('cpu_seconds', 0):>7.1f} "
                  f"{inc_s:>7} {inc_p:>7}")
    if seed_build:
        figure = f"{seed_build['wall_seconds']:.1f} s" if seed_build.get("ok") else "failed"
        print(f"seed build (seeds/, {seed_build.get('documents', '?')} document): {figure}, "
              f"peak {seed_build.get('peak_rss_mib', 0):,.0f} MiB")
    print("docs/s: documents accepted per second of wall time; peak MiB: max RSS of the build process.")
    print()
    print("Targets")
    for t in targets:
        mark = "n/a " if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
        print(f"  [{mark}] {t['target']}: {t['figure']}")


# ---------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes (input items)")
    ap.add_argument("--work", type=Path, help="folder for corpora, builds and logs (kept); default a temporary folder")
    ap.add_argument("--keep-work", action="store_true", help="keep the temporary work folder")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    ap.add_argument("--incremental-size", type=int,
                    help="size that gets the incremental run (default 10000 if given, else the middle size)")
    ap.add_argument("--no-seed-build", action="store_true", help="skip the build of the repository's seeds/")
    ap.add_argument("--python", default=sys.executable, help="interpreter that has the pipeline installed")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds before a build is killed")
    ap.add_argument("--out", type=Path, default=HERE / "scale_results.json")
    args = ap.parse_args(argv)
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        ap.error(f"--sizes takes numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        ap.error("--sizes needs at least one positive size")
    incremental_size = args.incremental_size or (10_000 if 10_000 in sizes else sizes[len(sizes) // 2])
    if incremental_size not in sizes:
        ap.error(f"--incremental-size {incremental_size} is not one of --sizes")

    temporary = args.work is None
    work = Path(tempfile.mkdtemp(prefix="scale-bench-")) if temporary else args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"Scale benchmark: sizes {', '.join(f'{n:,}' for n in sizes)}; incremental run at {incremental_size:,}; "
          f"work folder {work}", flush=True)
    machine = _machine(args.python)
    results: list[dict] = []
    incremental = None
    seed_build = None
    try:
        if not args.no_seed_build:
            folder = _fresh(work / "seed-build")
            print("seed build: python -m pipeline build --seeds seeds/ (fresh DAGSTER_HOME) ...", flush=True)
            seed_build = run_build(args.python, REPO / "seeds", folder / "dist", folder / "dagster-home",
                                   folder / "logs", args.timeout)
            if seed_build["ok"]:
                print(f"  {seed_build['wall_seconds']:.1f} s, peak {seed_build['peak_rss_mib']:,.0f} MiB", flush=True)
            else:
                _report_failure("the seed build", seed_build)
        for size in sizes:
            folder = _fresh(work / f"size-{size}")
            seeds, dist, home = folder / "seeds", folder / "dist", folder / "dagster-home"
            entry: dict = {"size": size}
            results.append(entry)
            print(f"{size:,}: generating the corpus ...", flush=True)
            corpus = write_corpus(seeds, size, args.seed)
            entry["generate_seconds"] = corpus.pop("seconds")
            entry["corpus"] = {k: corpus[k] for k in ("files", "folders", "bytes", "words", "expected_documents",
                                                      "expected_rejected", "expected_rejections_by_reason")}
            print(f"  {corpus['files']:,} files, {corpus['bytes'] / 2**20:,.1f} MiB, {corpus['words']:,} words "
                  f"in {entry['generate_seconds']:.1f} s; building ...", flush=True)
            build = run_build(args.python, seeds, dist, home, folder / "logs-full", args.timeout)
            entry["build"] = build
            if not build["ok"]:
                _report_failure(f"the full build of {size:,}", build)
                continue
            expected = corpus["expected_documents"]
            entry["documents_as_expected"] = build["documents"] == expected
            print(f"  {build['wall_seconds']:.1f} s, peak {build['peak_rss_mib']:,.0f} MiB, {build['documents']:,} documents "
                  f"(expected {expected:,}), {build['rejected']:,} rejected: "
                  + ", ".join(f"{n} {r}" for r, n in build["rejected_by_reason"].items()), flush=True)
            if size != incremental_size:
                continue
            added = max(1, round(size * INCREMENTAL_SHARE))
            update = write_corpus(seeds, added, args.seed + 1, batch="update-1", noise=False)
            print(f"  incremental: added {added:,} new documents ({update['files']:,} files); building again "
                  "with the same DAGSTER_HOME and dist ...", flush=True)
            again = run_build(args.python, seeds, dist, home, folder / "logs-incremental", args.timeout)
            incremental = {"size": size, "added_documents": added, "build": again}
            if not again["ok"]:
                _report_failure(f"the incremental build of {size:,}", again)
                continue
            incremental["documents_added_as_expected"] = again["documents"] - build["documents"] == update["expected_documents"]
            incremental["share_of_full"] = round(again["wall_seconds"] / build["wall_seconds"], 3)
            print(f"  {again['wall_seconds']:.1f} s ({incremental['share_of_full']:.0%} of the full build), peak "
                  f"{again['peak_rss_mib']:,.0f} MiB, {again['documents']:,} documents "
                  f"(+{again['documents'] - build['documents']:,})", flush=True)
    finally:
        targets = _targets(results, incremental, seed_build)
        report = {"machine": machine,
                  "settings": {"sizes": sizes, "seed": args.seed, "incremental_size": incremental_size,
                               "incremental_share": INCREMENTAL_SHARE, "source_date_epoch": SOURCE_DATE_EPOCH,
                               "python": args.python},
                  "sizes": results, "incremental": incremental, "seed_build": seed_build, "targets": targets}
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        _print_table(results, incremental, seed_build, targets)
        print(f"\nFigures written to {args.out}")
        if temporary and not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"Corpora, releases and build logs kept in {work}")
    failed = [s for s in results if not s.get("build", {}).get("ok")]
    failed += [b for b in (seed_build, incremental and incremental["build"]) if b and not b.get("ok")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
