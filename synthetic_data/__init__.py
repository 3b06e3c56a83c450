"""Synthetic province data with ground truth, following the data contract.

* :mod:`synthetic_data.generator` — ``generate(GeneratorConfig) -> Dataset`` and
  ``write_dataset(ds, out_dir, parquet=False)`` (``crosscheck generate``);
* :mod:`synthetic_data.config` — volumes, incident counts, behaviour probabilities and noise
  rates; ``GeneratorConfig.for_variant("clean" | "default" | "hard", scale, seed)``;
* :mod:`synthetic_data.noise` — the errors departments' records carry;
* :mod:`synthetic_data.evaluate` — ``evaluate_run(truth_dir, run_dir) -> dict`` and
  ``build_oracle_run`` (``crosscheck evaluate``);
* :mod:`synthetic_data.regions`, :mod:`synthetic_data.names`, :mod:`synthetic_data.catalog`,
  :mod:`synthetic_data.ids` — real Shanxi county codes, names, domain vocabularies, ID
  arithmetic.
"""
