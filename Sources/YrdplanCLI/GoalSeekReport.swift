import Analysis
import RegionModel

/// Renders `project --target-peak` as a table and as JSON.
public enum GoalSeekReport {
    /// The `project --target-peak … --json` document.
    public static func json(_ r: GoalSeekResult) -> JSONValue {
        .object([
            ("target_peak_year", .number(Double(r.targetYear))),
            ("probability", .rounded(r.probability, 4)),
            ("from", .string(r.from)), ("toward", .string(r.toward)),
            ("first_year", .number(Double(r.firstYear))),
            ("draws", .number(Double(r.draws))), ("seed", .number(Double(r.seed))),
            ("resolution", .rounded(r.resolution, 6)),
            (
                "regions",
                .object(
                    r.provinces.map { goal in
                        (
                            goal.province,
                            .object([
                                ("status", .string(goal.status.rawValue)),
                                ("weight", .rounded(goal.weight, 6)),
                                ("p_announced", .rounded(goal.announcedProbability, 4)),
                                ("p_required", .rounded(goal.requiredProbability, 4)),
                                ("p_one_step_less", goal.probabilityOneStepLess.map { .rounded($0, 4) } ?? .null),
                                (
                                    "levers",
                                    .array(
                                        goal.levers.map { gap in
                                            .object([
                                                ("lever", .string(gap.lever)), ("unit", .string(gap.unit)),
                                                ("year", .number(Double(gap.year))), ("announced", .rounded(gap.announced)),
                                                ("required", .rounded(gap.required)), ("gap", .rounded(gap.gap)),
                                                ("in_plan", .bool(gap.inPlan)),
                                            ])
                                        })
                                ),
                            ])
                        )
                    })
            ),
        ])
    }

    /// The human answer: per province whether the announced plan reaches the goal, and per lever the level needed.
    public static func table(model: RegionalModel, _ r: GoalSeekResult) -> String {
        var out =
            "Goal: peak by \(r.targetYear) with P ≥ \(fixed(r.probability, 2)); levers of '\(r.from)' moved toward '\(r.toward)' "
            + "from \(r.firstYear) on (\(r.draws) draws, seed \(r.seed), steps of \(fixed(r.resolution * 100, 1)) % of the way)\n\n"
        for goal in r.provinces {
            let name = model.province(goal.province).map { "\($0.name.en) \($0.name.zh)" } ?? goal.province
            let p = "P(≤\(r.targetYear))"
            switch goal.status {
            case .alreadyMet:
                out += "\(name): the announced plan reaches it — \(p) \(fixed(goal.announcedProbability, 2)); no lever needs to move.\n\n"
                continue
            case .reachable:
                out +=
                    "\(name): \(fixed(goal.weight * 100, 1)) % of the way to '\(r.toward)' — \(p) \(fixed(goal.announcedProbability, 2)) "
                    + "→ \(fixed(goal.requiredProbability, 2))"
                    + (goal.probabilityOneStepLess.map { " (one step less: \(fixed($0, 2)))" } ?? "") + "\n"
            case .unreachable:
                out +=
                    "\(name): NOT REACHED even at '\(r.toward)' levels — \(p) \(fixed(goal.announcedProbability, 2)) announced, "
                    + "\(fixed(goal.requiredProbability, 2)) with every lever at '\(r.toward)'; the levers below are that ceiling.\n"
            }
            var table = TextTable(headers: ["Lever", "Unit", "Year", "Announced", "Required", "Gap"], rightAligned: [2, 3, 4, 5])
            for gap in goal.levers {
                let s = gap.displayScale
                table.add([
                    gap.lever, gap.displayUnit, String(gap.year), fixed(gap.announced * s, 2) + (gap.inPlan ? "" : "*"),
                    fixed(gap.required * s, 2),
                    (gap.gap >= 0 ? "+" : "") + fixed(gap.gap * s, 2),
                ])
            }
            out += table.rendered() + "\n"
        }
        out +=
            "* not in the announced plan: the level the projection holds without it. Every lever of a province moves the same share of the way; years before \(r.firstYear) keep the announced paths. "
            + "P = share of draws whose peak year is ≤ \(r.targetYear) (see docs/methods.md).\n"
        return out
    }
}
