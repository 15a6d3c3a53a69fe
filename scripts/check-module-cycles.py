#!/usr/bin/env python3
"""Import cycles between the modules of src/: exit 1 and print each cycle when there is one.

A module is a file (a `mod.rs` is its folder's module). An edge A -> B is a `use` or a path of A that
names B through `crate::` or `super::` (test modules and comments left out). A child naming its own
ancestor is not counted: that is how Rust modules reach what their parent re-exports.
Run from the repository root: `python3 scripts/check-module-cycles.py`.
"""
import os
import re
import sys
from collections import defaultdict

ROOT = "src"


def modules():
    mods = {}
    for dirpath, _, files in os.walk(ROOT):
        for f in files:
            if f.endswith(".rs"):
                path = os.path.join(dirpath, f)
                parts = path[len(ROOT) + 1 : -3].split("/")
                if parts[-1] in ("mod", "lib", "main"):
                    parts = parts[:-1]
                mods["::".join(parts)] = path
    return mods


def resolve(mods, cur, path):
    segs = path.split("::")
    if segs[0] == "crate":
        base, segs = [], segs[1:]
    elif segs[0] == "super":
        base = cur[:]
        while segs and segs[0] == "super":
            base, segs = base[:-1], segs[1:]
    elif segs[0] == "self":
        base, segs = cur[:], segs[1:]
    else:
        return None
    full = base + segs
    for i in range(len(full), 0, -1):
        key = "::".join(full[:i])
        if key in mods:
            return key
    return None


def edges(mods):
    out = defaultdict(set)
    for m, path in mods.items():
        src = re.sub(r"//[^\n]*", "", open(path, encoding="utf-8").read())
        src = re.split(r"#\[cfg\(test\)\]\s*mod \w+ \{", src)[0]
        cur = m.split("::") if m else []
        targets = []
        for mt in re.finditer(r"use\s+((?:crate|super|self)(?:::\w+)*)(?:::\{([^;]*)\})?", src):
            targets.append(mt.group(1))
            for item in (mt.group(2) or "").split(","):
                item = re.sub(r"::\{.*", "", item.strip().split(" ")[0])
                if item and item != "self":
                    targets.append(mt.group(1) + "::" + item)
        targets += [mt.group(1) for mt in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", src)]
        for t in targets:
            r = resolve(mods, cur, t)
            if r and r != m and not m.startswith(r + "::"):
                out[m].add(r)
    return out


def cycles(mods, out):
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in out[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                found.append(sorted(scc))

    sys.setrecursionlimit(10000)
    for v in mods:
        if v not in index:
            visit(v)
    return found


def main():
    mods = modules()
    found = cycles(mods, edges(mods))
    for scc in found:
        print("import cycle: " + " <-> ".join(scc))
    if not found:
        print(f"no import cycles between the {len(mods)} modules of {ROOT}/")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
