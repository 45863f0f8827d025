"""Per-folder mutation scores from a Stryker mutation-report.json, and the mutants that lived, for docs/testing.md.

Score = detected / (detected + survived + no coverage), detected being killed or timed out: Stryker's own formula.
Compile errors and ignored mutants do not count.
"""
import collections
import json
import os
import sys

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}

report = json.load(open(sys.argv[1], encoding="utf-8"))
counts = collections.defaultdict(collections.Counter)
by_file = collections.defaultdict(collections.Counter)
alive = []
for path, file in sorted(report["files"].items()):
    parts = path.replace("\\", "/").split("/src/FeishuResources/")[-1].split("/")
    folder = parts[0] if len(parts) > 1 else "Root"
    lines = file["source"].splitlines()
    for mutant in file["mutants"]:
        status = mutant["status"]
        counts[folder][status] += 1
        by_file["/".join(parts)][status] += 1
        if status in UNDETECTED:
            line = mutant["location"]["start"]["line"]
            alive.append(f"{status:10} {parts[-1]}:{line} {mutant['mutatorName']}: {mutant.get('replacement', '')!r} | {lines[line - 1].strip()}")



def table(title, rows):
    print(f"| {title} | score | killed / survived / no coverage / timeout |")
    print("|---|---|---|")
    for name, c in sorted(rows.items()):
        detected = c["Killed"] + c["Timeout"]
        valid = detected + c["Survived"] + c["NoCoverage"]
        if valid:
            print(f"| {name} | {100 * detected / valid:.1f} % | {c['Killed']} / {c['Survived']} / {c['NoCoverage']} / {c['Timeout']} |")
    print()


table("folder", counts)
table("file", by_file)
print("\n".join(alive))
