#!/usr/bin/env python3
# Usage: python3 scripts/pypsa-scigrid-like.py OUTPUT_FOLDER (needs pypsa and highspy from PyPI; not a project dependency).
# Builds a small SciGrid-DE-like network (typed 380/220-kV lines, a transformer, extendable lines and
# generators), exports it, solves it with PyPSA and writes results-pypsa.json.
import sys, pypsa, numpy as np, pandas as pd
from pypsa_reference import solve_and_record
out = sys.argv[1]
n = pypsa.Network(name="scigrid-like")
n.set_snapshots(pd.RangeIndex(4))
n.snapshot_weightings.loc[:, :] = 2.0
for b, v in [("N", 380), ("S", 380), ("E", 380), ("W", 220), ("X", 220)]:
    n.add("Bus", b, v_nom=v)
n.add("Line", "1", bus0="N", bus1="S", type="Al/St 240/40 4-bundle 380.0", length=120, num_parallel=2, s_nom=3000, s_max_pu=0.7)
n.add("Line", "2", bus0="S", bus1="E", type="Al/St 240/40 4-bundle 380.0", length=80, s_nom=1500, s_max_pu=0.7)
n.add("Line", "3", bus0="E", bus1="N", type="Al/St 240/40 4-bundle 380.0", length=150, s_nom=1500, s_max_pu=0.7,
      s_nom_extendable=True, capital_cost=12.0)
n.add("Line", "4", bus0="W", bus1="X", type="Al/St 240/40 2-bundle 220.0", length=60, s_nom=500, s_max_pu=0.7)
n.add("Transformer", "T1", bus0="S", bus1="W", x=0.1, s_nom=800, tap_ratio=1.0)
n.add("Transformer", "T2", bus0="E", bus1="X", x=0.12, r=0.01, s_nom=600, tap_ratio=1.05, s_nom_extendable=True,
      capital_cost=8.0)
n.add("Carrier", "gas", co2_emissions=0.2)
n.add("Carrier", "wind")
rng = np.random.default_rng(7)
n.add("Generator", "N wind", bus="N", carrier="wind", p_nom=1500, marginal_cost=1.0,
      p_max_pu=pd.Series(rng.uniform(0.2, 0.9, 4)))
n.add("Generator", "S gas", bus="S", carrier="gas", p_nom=800, marginal_cost=60, efficiency=0.5)
n.add("Generator", "X gas", bus="X", carrier="gas", p_nom=0, p_nom_extendable=True, capital_cost=30,
      marginal_cost=50, efficiency=0.45)
for b, base in [("S", 600), ("E", 500), ("W", 300), ("X", 250)]:
    n.add("Load", b + " load", bus=b, p_set=pd.Series(base * rng.uniform(0.8, 1.2, 4)))
n.export_to_csv_folder(out)
solve_and_record(n, out, "scigrid-like", "scripts/pypsa-scigrid-like.py", extra=lambda n: {
    "line_x_pu_eff": {k: float(v) for k, v in n.lines.x_pu_eff.items()},
    "transformer_x_pu_eff": {k: float(v) for k, v in n.transformers.x_pu_eff.items()},
})
