#!/usr/bin/env python3
# Usage: python3 scripts/pypsa-series-case.py OUTPUT_FOLDER (needs pypsa and highspy from PyPI; not a project dependency).
# Builds a small network that gives a time series for every attribute PyPSA allows one on generators, links,
# storage units and stores (marginal costs, link efficiencies and limits, storage limits, efficiencies and standing
# losses, ramp limits, set points) plus the linear static attributes yrdplan models (spill_cost,
# marginal_cost_storage, *_nom_set, emitting storage under a CO2 limit), exports it, solves it with PyPSA and
# writes results-pypsa.json.
import sys, numpy as np, pandas as pd, pypsa
from pypsa_reference import solve_and_record

out = sys.argv[1]
T = 48
rng = np.random.default_rng(11)
hours = np.arange(T)
day = 0.5 + 0.5 * np.sin(2 * np.pi * (hours - 6) / 24)  # 0…1, peak mid-day


def series(values):
    return pd.Series(values, index=range(T))


n = pypsa.Network(name="series-case")
n.set_snapshots(pd.RangeIndex(T))
n.snapshot_weightings.loc[:, :] = 2.0
for b in ["A", "B", "C"]:
    n.add("Bus", b, v_nom=220)
n.add("Bus", "H", carrier="heat")
n.add("Carrier", "coal", co2_emissions=0.34)
n.add("Carrier", "gas", co2_emissions=0.2)
n.add("Carrier", "oil", co2_emissions=0.27)
n.add("Carrier", "wind")
n.add("Carrier", "hydro")
n.add("Carrier", "battery")
n.add("Carrier", "heat")

# AC triangle under Kirchhoff's voltage law; one line's rating fixed for the optimum by s_nom_set.
n.add("Line", "AB", bus0="A", bus1="B", x=10.0, s_nom=300)
n.add("Line", "BC", bus0="B", bus1="C", x=12.0, s_nom=250)
n.add("Line", "CA", bus0="C", bus1="A", x=15.0, s_nom=100, s_nom_extendable=True, s_nom_set=180, capital_cost=5.0)

# Generators: a marginal-cost and efficiency series, ramp limits as series (NaN: no limit in that snapshot),
# a p_set series with gaps, a static p_set, and an extendable plant whose capacity p_nom_set fixes.
coal_mc = series(30 + 10 * day + rng.uniform(0, 2, T))
coal_eff = series(0.36 + 0.04 * day)
ramp_up = series(np.where(hours % 12 == 5, np.nan, 0.25))
n.add("Generator", "A coal", bus="A", carrier="coal", p_nom=500, marginal_cost=coal_mc, efficiency=coal_eff,
      ramp_limit_up=ramp_up, ramp_limit_down=series(0.3 + 0.1 * (hours % 2)), p_min_pu=0.1)
n.add("Generator", "B wind", bus="B", carrier="wind", p_nom=400, marginal_cost=0.5,
      p_max_pu=series(rng.uniform(0.05, 0.95, T)))
must = np.full(T, np.nan)
must[::6] = 40.0
n.add("Generator", "B must-run", bus="B", carrier="gas", p_nom=80, marginal_cost=55, efficiency=0.5, p_set=series(must))
n.add("Generator", "C chp", bus="C", carrier="gas", p_nom=60, marginal_cost=45, efficiency=0.45, p_set=25.0)
n.add("Generator", "C gas", bus="C", carrier="gas", p_nom=0, p_nom_extendable=True, p_nom_set=150, capital_cost=20,
      marginal_cost=series(60 + 5 * day), efficiency=0.5)
n.add("Generator", "C peaker", bus="C", carrier="gas", p_nom=400, marginal_cost=90, efficiency=0.35)
n.add("Generator", "A solar", bus="A", carrier="wind", p_nom=0, p_nom_extendable=True, capital_cost=900,
      marginal_cost=0.1, p_max_pu=series(np.clip(np.sin(np.pi * (hours % 24 - 6) / 12), 0, 1)))
n.add("Generator", "H boiler", bus="H", carrier="gas", p_nom=200, marginal_cost=series(35 + 3 * day), efficiency=0.9)

# Links: a heat pump (A → H) whose COP, limits and marginal cost vary, with a second port; a bidirectional DC link
# with a p_set series with gaps; an extendable link whose capacity p_nom_set fixes.
n.add("Link", "A heat pump", bus0="A", bus1="H", bus2="B", carrier="heat", p_nom=120,
      efficiency=series(2.5 + 0.8 * day), efficiency2=series(np.where(hours % 3 == 0, -0.05, -0.02)),
      p_max_pu=series(0.7 + 0.3 * day), p_min_pu=series(0.1 * (hours % 4 == 0)), marginal_cost=series(1 + day),
      ramp_limit_down=series(np.where(hours % 8 == 0, 0.5, np.nan)))
dc_set = np.full(T, np.nan)
dc_set[3::8] = -30.0
n.add("Link", "B-C dc", bus0="B", bus1="C", p_nom=150, p_min_pu=-1, efficiency=series(0.97 - 0.01 * day),
      marginal_cost=0.3, p_set=series(dc_set))
n.add("Link", "C-A dc", bus0="C", bus1="A", p_nom=0, p_nom_extendable=True, p_nom_set=60, capital_cost=3, p_min_pu=-1,
      efficiency=0.98)

# Loads.
for b, base in [("A", 350), ("B", 250), ("C", 300)]:
    n.add("Load", b + " load", bus=b, p_set=series(base * (0.8 + 0.4 * day) * rng.uniform(0.95, 1.05, T)))
n.add("Load", "H load", bus="H", p_set=series(150 + 60 * (1 - day)))

# Storage units: a battery with p_max_pu/p_min_pu, efficiencies, standing loss, marginal costs and
# marginal_cost_storage as series; a hydro reservoir with inflow and a spill_cost series, no pumping
# (p_min_pu 0) and a p_dispatch_set; an oil tank (emitting carrier, not cyclic) under the CO2 limit with p_set and
# p_store_set series.
n.add("StorageUnit", "B battery", bus="B", carrier="battery", p_nom=25,
      max_hours=4, cyclic_state_of_charge=True,
      p_max_pu=series(np.where(hours % 24 >= 12, 0.3, 1.0)), p_min_pu=series(np.where(hours % 24 < 12, -0.2, -1.0)),
      efficiency_store=series(0.92 + 0.03 * day), efficiency_dispatch=series(0.95 - 0.02 * day),
      standing_loss=series(0.001 + 0.002 * day), marginal_cost=series(0.5 + day),
      marginal_cost_storage=series(0.01 + 0.02 * day))
dispatch_set = np.full(T, np.nan)
dispatch_set[10::12] = 20.0
n.add("StorageUnit", "C hydro", bus="C", carrier="hydro", p_nom=45, max_hours=2, p_min_pu=0,
      state_of_charge_initial=60, cyclic_state_of_charge=True, inflow=series(40 + 20 * rng.uniform(0, 1, T)),
      spill_cost=series(2 + day), marginal_cost=0.2, p_dispatch_set=series(dispatch_set))
oil_set = np.full(T, np.nan)
oil_set[7::16] = 15.0
store_set = np.full(T, np.nan)
store_set[0] = 0.0
n.add("StorageUnit", "A oil tank", bus="A", carrier="oil", p_nom=60, max_hours=10, state_of_charge_initial=400,
      cyclic_state_of_charge=False, efficiency_dispatch=0.4, marginal_cost=5, marginal_cost_storage=0.05,
      p_set=series(oil_set), p_store_set=series(store_set))

# Stores: a heat store with standing loss, marginal cost and marginal_cost_storage series, an e_set and a p_set
# with gaps (cyclic); a gas store of an emitting carrier (not cyclic) under the CO2 limit, extendable with e_nom_set.
e_set = np.full(T, np.nan)
e_set[23] = 200.0
p_set = np.full(T, np.nan)
p_set[30] = -10.0
n.add("Store", "H tank", bus="H", carrier="heat", e_nom=600, e_cyclic=True, standing_loss=series(0.005 + 0.01 * day),
      marginal_cost=series(0.2 * day), marginal_cost_storage=series(0.002 + 0.003 * (1 - day)), e_set=series(e_set),
      p_set=series(p_set))
n.add("Store", "C gas store", bus="C", carrier="gas", e_nom=100, e_nom_extendable=True, e_nom_set=2500,
      capital_cost=0.5, e_initial=2000, e_cyclic=False, marginal_cost=1.0, e_min_pu=series(np.where(hours == T - 1, 0.2, 0)))

n.add("GlobalConstraint", "CO2Limit", type="primary_energy", carrier_attribute="co2_emissions", sense="<=",
      constant=30000.0)

n.export_to_csv_folder(out)
solve_and_record(n, out, "series-case", "scripts/pypsa-series-case.py", extra=lambda n: {"co2_limit_mu": float(n.global_constraints.mu["CO2Limit"])})
