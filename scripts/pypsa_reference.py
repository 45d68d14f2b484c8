# Shared by the fixture generators (scripts/pypsa-*.py): solve an exported PyPSA network with HiGHS and write what the
# parity tests compare (objective and the constant PyPSA leaves out, optimal capacities of extendable components, mean
# bus prices) to OUTPUT/results-pypsa.json. Needs pypsa and highspy from PyPI; not a project dependency.
import json, os, pypsa

CAPACITIES = [("generators", "p_nom_opt"), ("links", "p_nom_opt"), ("lines", "s_nom_opt"),
              ("transformers", "s_nom_opt"), ("storage_units", "p_nom_opt"), ("stores", "e_nom_opt")]


def solve_and_record(n, out, case, script, extra=lambda n: {}):
    """Optimises `n` (already exported to `out`) and writes results-pypsa.json; `extra(n)` adds case-specific fields."""
    status, condition = n.optimize(solver_name="highs", include_objective_constant=True, threads=1)
    caps = {}
    for c, attr in CAPACITIES:
        df = getattr(n, c)
        ext = df[df[attr.replace("_opt", "_extendable")]]
        if len(ext):
            caps[c] = {attr: {k: float(v) for k, v in ext[attr].items()}}
    res = {
        "case": case,
        "made_by": script + " (this fixture's generator), PyPSA " + pypsa.__version__,
        "status": status, "termination_condition": condition,
        "objective": float(n.objective), "objective_constant": float(n.objective_constant),
        "objective_plus_constant": float(n.objective + n.objective_constant),
        "optimal_capacities": caps,
        "marginal_price_mean": {k: float(v) for k, v in n.buses_t.marginal_price.mean().items()},
    }
    res.update(extra(n))
    json.dump(res, open(os.path.join(out, "results-pypsa.json"), "w"), indent=1)
    print(json.dumps(res, indent=1))
