#!/usr/bin/env python3
"""Writes data/public-suffixes.txt: the Public Suffix List's ICANN rules below the top-level
domains that data/tlds.json lists as fileable, warned or government-only; and
data/second-level-registries.txt: the private-section rules below those domains that CentralNic
submitted, second levels (cn.com, us.com, gb.net …) whose registries sell names under them.

    python3 scripts/public-suffixes.py path/to/public_suffix_list.dat COMMIT DATE
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
psl_path, commit, date = sys.argv[1:4]
tlds = json.loads((root / "data/tlds.json").read_text())
listed = {t for group in tlds["fileable"] for t in group["tlds"]}
listed |= {w["tld"] for w in tlds["warn"]} | set(tlds["governmentOnly"]["tlds"])
tops = {t.split(".")[-1] for t in listed}

text = pathlib.Path(psl_path).read_text()
icann = text.split("===BEGIN ICANN DOMAINS===")[1].split("===END ICANN DOMAINS===")[0]
rules = [line.strip() for line in icann.splitlines() if line.strip() and not line.startswith("//")]
chosen = sorted(r for r in rules if "." in r and r.split(".")[-1] in tops)
if any(r.startswith(("*", "!")) for r in chosen):
    sys.exit("wildcard or exception rules are not supported by src/ruledata/suffixes.rs")

header = f"""# Public suffixes below the fileable top-level domains (data/tlds.json), from the ICANN
# section of the Public Suffix List (publicsuffix/list, public_suffix_list.dat, commit
# {commit} of {date}; Mozilla Public License 2.0).
# One rule a line, Unicode labels.
# The registrable domain of a name is its longest matching suffix plus one label:
# pku.edu.cn, not edu.cn. Regenerate with scripts/public-suffixes.py.
"""
(root / "data/public-suffixes.txt").write_text(header + "\n".join(chosen) + "\n")
print(f"{len(chosen)} suffixes")

private = text.split("===BEGIN PRIVATE DOMAINS===")[1].split("===END PRIVATE DOMAINS===")[0]
registries = []
for block in private.split("\n\n"):
    lines = [line.strip() for line in block.strip().splitlines()]
    if not any(line.startswith("//") and "@centralnic.com" in line for line in lines):
        continue
    registries += [r for r in lines if r and not r.startswith("//") and r.split(".")[-1] in tops]
registries = sorted(set(registries))
header = f"""# Second-level registries below the fileable top-level domains: the rules of the Public
# Suffix List's private section that CentralNic submitted (publicsuffix/list,
# public_suffix_list.dat, commit {commit} of {date}; Mozilla Public License 2.0).
# Their operators sell names under them (linxiao.cn.com), which are no domains of an approved
# registry. One rule a line. Regenerate with scripts/public-suffixes.py.
"""
(root / "data/second-level-registries.txt").write_text(header + "\n".join(registries) + "\n")
print(f"{len(registries)} second-level registries")
