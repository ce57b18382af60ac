#!/usr/bin/env python3
"""static_crates_io.py REGISTRY WWW: lays out the .crate files of a cargo
local registry (REGISTRY/index + REGISTRY/NAME-VERSION.crate) as
static.crates.io serves them, WWW/crates/NAME/NAME-VERSION.crate (hard
links), so that a loopback HTTP server can stand in for crates.io's CDN.
Shared by tests/e2e/lib/roundtrip.bash and tests/paludis/sample_program.sh."""
import json
import os
import sys

reg, www = sys.argv[1:]
for d, _dirs, names in os.walk(os.path.join(reg, "index")):
    for n in names:
        if n == "config.json":
            continue
        for line in open(os.path.join(d, n)):
            e = json.loads(line)
            stem = f"{e['name']}-{e['vers']}"
            os.makedirs(os.path.join(www, "crates", e["name"]), exist_ok=True)
            os.link(os.path.join(reg, stem + ".crate"), os.path.join(www, "crates", e["name"], stem + ".crate"))
