#!/usr/bin/env python3
"""Fails when a public type or named public function in Sources/ has no `///` doc comment (STYLE.md)."""
import pathlib
import re
import sys

DECL = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:final\s+|static\s+|mutating\s+|nonisolated\s+|indirect\s+)*'
                  r'(struct|enum|class|protocol|actor|func)\s+([A-Za-z_]\w*)')
SKIP_FUNCS = {"hash", "encode", "makeIterator", "run", "validate"}

missing = []
for path in sorted(pathlib.Path("Sources").rglob("*.swift")):
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = DECL.match(line)
        if not m or (m.group(1) == "func" and m.group(2) in SKIP_FUNCS):
            continue
        j = i - 1
        while j >= 0 and (lines[j].strip().startswith("@") or lines[j].strip().startswith("// MARK")):
            j -= 1
        if j < 0 or not lines[j].strip().startswith("///"):
            missing.append(f"{path}:{i + 1}: public {m.group(1)} '{m.group(2)}' has no /// doc comment — say in a line what it is for")
if missing:
    print("\n".join(missing))
    print(f"{len(missing)} public declarations lack a doc comment")
    sys.exit(1)
