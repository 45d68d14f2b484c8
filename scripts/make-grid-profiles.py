#!/usr/bin/env python3
"""Writes Regions/grid/profiles.csv: 12 representative days (one per month) x 24 hours.

Every column is SYNTHETIC (confidence: synthetic): smooth textbook shapes so that the dispatch can run.
Loads are shapes only; Regions/grid/grid.yaml scales each to its annual energy (a sourced or estimated
total). Availability columns are per unit of capacity. `weight` = days in the month, so the weights sum
to 8760 h. Deterministic: no random numbers. Re-run after editing: python3 scripts/make-grid-profiles.py
"""
import math, os

DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
out = os.path.join(os.path.dirname(__file__), "..", "Regions", "grid", "profiles.csv")

def load_shape(month, hour, summer_peak, winter_peak):
    # Double daily peak (10-11 h and 19-20 h), night trough; summer (Jul/Aug) and winter (Jan/Dec) highs.
    daily = 0.78 + 0.16 * math.exp(-((hour - 10.5) / 2.5) ** 2) + 0.2 * math.exp(-((hour - 19.5) / 2.0) ** 2)
    daily -= 0.1 * math.exp(-((hour - 4) / 2.5) ** 2)
    season = 1 + summer_peak * math.exp(-((month - 7.5) / 1.2) ** 2) + winter_peak * (math.exp(-((month - 1) / 1.0) ** 2) + math.exp(-((month - 13) / 1.0) ** 2))
    return daily * season

def solar(month, hour, amplitude):
    length = 12 + 2 * math.sin((month - 3.5) / 12 * 2 * math.pi)   # day length, h
    rise = 12 - length / 2
    if hour + 0.5 <= rise or hour + 0.5 >= rise + length:
        return 0.0
    x = (hour + 0.5 - rise) / length
    season = 0.8 + 0.2 * math.sin((month - 3.5) / 12 * 2 * math.pi)
    return amplitude * season * math.sin(math.pi * x) ** 1.5

def wind(month, hour, mean, seasonal, diurnal, phase):
    season = 1 + seasonal * math.cos((month - 1.5) / 12 * 2 * math.pi)   # windier in winter/spring
    day = 1 + diurnal * math.cos((hour - phase) / 24 * 2 * math.pi)
    wobble = 1 + 0.15 * math.sin(month * 1.7 + hour * 0.9)
    return min(1.0, max(0.0, mean * season * day * wobble))

def hydro(month, dry, wet):
    wetness = math.exp(-((month - 7.5) / 2.0) ** 2)   # wet season June-October
    return dry + (wet - dry) * wetness

columns = ["label", "weight", "load_SH", "load_JS", "load_ZJ", "load_AH", "solar_yrd", "solar_northwest",
           "onwind_yrd", "offwind_yrd", "onwind_north", "hydro_southwest", "hydro_yrd"]
rows = []
for month in range(1, 13):
    for hour in range(24):
        rows.append([
            f"M{month:02d}-h{hour:02d}", DAYS[month - 1],
            load_shape(month, hour, 0.22, 0.10), load_shape(month, hour, 0.18, 0.08),
            load_shape(month, hour, 0.20, 0.07), load_shape(month, hour, 0.15, 0.12),
            solar(month, hour, 0.60), solar(month, hour, 0.80),
            wind(month, hour, 0.22, 0.25, 0.25, 2), wind(month, hour, 0.33, 0.3, 0.12, 4),
            wind(month, hour, 0.30, 0.3, 0.3, 1), hydro(month, 0.35, 0.95), hydro(month, 0.25, 0.7),
        ])
with open(out, "w") as f:
    f.write(",".join(columns) + "\n")
    for row in rows:
        f.write(",".join([row[0], str(row[1])] + [f"{v:.4f}" for v in row[2:]]) + "\n")
print(f"wrote {len(rows)} rows to {out}")
