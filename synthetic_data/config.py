"""Configuration of the synthetic province: volumes, incident counts, behaviours and noise.

``GeneratorConfig.for_variant(variant, scale)`` gives the ``clean``, ``default`` and
``hard`` settings. Every probability the simulation uses lives here so that tests and
benchmarks can change it.

Volumes are per simulated year at scale 1.0 (a province of about 34.7 million people):
≈290,000 deaths, ≈1.5 million injury encounters, ≈50,000 work-injury claims,
≈400 reported accidents, ≈2 million employment spells. Concealed and under-reported
incidents are over-sampled (``IncidentConfig``) so that even small scales have enough to
evaluate on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

Variant = Literal["clean", "default", "hard"]
VARIANTS: tuple[str, ...] = ("clean", "default", "hard")

NOISY_SOURCES = ("accident_victims", "deregistrations", "cremations", "injury_claims",
                 "medical_records", "employment")


@dataclass(frozen=True)
class NoiseRates:
    """Per-record probabilities of each kind of error (applied independently per field).

    ``id_missing`` is per source; everything else applies to every source that has the field.
    """

    # names
    name_homophone: float = 0.025
    name_traditional: float = 0.01
    name_drop_char: float = 0.004
    name_dup_char: float = 0.003
    name_space_dot: float = 0.01
    name_pinyin: float = 0.006
    # ID numbers
    id_missing: dict[str, float] = field(default_factory=lambda: {
        "accident_victims": 0.08, "deregistrations": 0.01, "cremations": 0.15,
        "injury_claims": 0.02, "medical_records": 0.20, "employment": 0.0,
    })
    id_transpose: float = 0.006
    id_mistype: float = 0.008
    id_legacy15: float = 0.006          # only people born before 1985 still show one
    id_lower_x: float = 0.30            # share of IDs ending in X written with x
    id_bad_check: float = 0.003
    id_other_person: float = 0.001      # another person's ID copied in (a relative's, a neighbour row's)
    # dates
    date_off_days: float = 0.02
    date_day_month_swap: float = 0.004
    date_alt_format: float = 0.12       # written YYYY/M/D, YYYYMMDD or YYYY年M月D日
    # other fields
    sex_mixed_forms: float = 0.35       # written 男/女 or 1/2 instead of M/F
    sex_missing: float = 0.01
    age_off_by_one: float = 0.06        # nominal age (虚岁) or a miscount
    duplicate: dict[str, float] = field(default_factory=lambda: {
        "accident_victims": 0.005, "deregistrations": 0.004, "cremations": 0.006,
        "injury_claims": 0.01, "medical_records": 0.012, "employment": 0.005,
    })
    uscc_missing: float = 0.15
    uscc_mistype: float = 0.01
    employer_name_variant: float = 0.35  # short name / other suffix / prefix

    def scaled(self, factor: float) -> NoiseRates:
        """All rates multiplied by ``factor`` (capped below 1)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, dict):
                out[f.name] = {k: min(0.95, x * factor) for k, x in v.items()}
            else:
                out[f.name] = min(0.95, v * factor)
        return NoiseRates(**out)


@dataclass(frozen=True)
class IncidentConfig:
    """How many workplace incidents of each kind per year at scale 1.0, and minimums."""

    reported_per_year: float = 400.0
    under_reported_per_year: float = 100.0
    concealed_per_year: float = 150.0
    min_reported: int = 4
    min_under_reported: int = 5
    min_concealed: int = 5
    # under-reporting mechanisms: stay below a grade line / injured die later, never added /
    # one or more deaths simply left out
    under_mechanism: tuple[float, float, float] = (0.45, 0.35, 0.20)
    informal_share_reported: float = 0.15
    informal_share_concealed: float = 0.35

    def counts(self, scale: float) -> tuple[int, int, int]:
        return (
            max(self.min_reported, round(self.reported_per_year * scale)),
            max(self.min_under_reported, round(self.under_reported_per_year * scale)),
            max(self.min_concealed, round(self.concealed_per_year * scale)),
        )


@dataclass(frozen=True)
class BehaviourConfig:
    """Probabilities of the traces a death or injury leaves, and of concealment behaviours."""

    dereg_natural: float = 0.88
    dereg_incident: float = 0.86
    cremation_district: float = 0.88     # urban districts
    cremation_county: float = 0.50       # rural counties bury more
    cremation_concealed: float = 0.85
    hospital_death_natural: float = 0.35
    hospital_death_traffic: float = 0.50
    hospital_death_fall: float = 0.55
    hospital_death_incident: float = 0.55
    hospital_death_concealed: float = 0.35
    claim_death_formal: float = 0.75
    claim_death_informal: float = 0.20
    claim_private_settlement: float = 0.85   # concealed: the family is paid not to claim
    claim_injury_incident: float = 0.60
    cause_falsified_concealed: float = 0.55  # 病故 / 猝死 on the certificate
    fast_cremation_concealed: float = 0.65   # within 2 days
    far_cremation_concealed: float = 0.30    # another city
    body_moved_concealed: float = 0.25       # taken to another county before any record
    cert_not_hospital_concealed: float = 0.70
    disguised_external_cause: float = 0.20   # trauma staged as a road crash
    worker_share_natural_working_age: float = 0.45
    worker_share_traffic: float = 0.35
    commute_claim_share: float = 0.12        # worker traffic deaths recognised as 工亡
    sudden_claim_share: float = 0.10         # sudden deaths of workers at work (视同工亡)
    natural_claim_share: float = 0.003       # other natural deaths of workers recognised


@dataclass(frozen=True)
class GeneratorConfig:
    scale: float = 0.02
    seed: int = 0
    variant: str = "default"
    year: int = 2024
    extracted_on: str = "2025-03-31"      # every export cut on this day
    deaths_per_year: float = 290_000.0
    injury_encounters_per_year: float = 1_500_000.0
    claims_per_year: float = 50_000.0
    workers_per_year: float = 1_700_000.0   # ≈ 2 million spells with previous jobs
    enterprises_per_year: float = 40_000.0
    incidents: IncidentConfig = field(default_factory=IncidentConfig)
    behaviour: BehaviourConfig = field(default_factory=BehaviourConfig)
    noise: NoiseRates = field(default_factory=NoiseRates)

    def n(self, per_year: float, minimum: int = 1) -> int:
        return max(minimum, math.ceil(per_year * self.scale))

    @classmethod
    def for_variant(cls, variant: str = "default", scale: float = 0.02, seed: int = 0,
                    **overrides: object) -> GeneratorConfig:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; choose one of {VARIANTS}")
        base = NoiseRates()
        if variant == "clean":
            noise = base.scaled(0.0)
        elif variant == "hard":
            noise = base.scaled(2.0)
            miss = dict(noise.id_missing)
            miss["cremations"] = 0.45
            miss["medical_records"] = 0.50
            noise = replace(noise, id_missing=miss)
        else:
            noise = base
        cfg = cls(scale=scale, seed=seed, variant=variant, noise=noise)
        return replace(cfg, **overrides) if overrides else cfg  # type: ignore[arg-type]
