"""Engine units: blocking union/dedup, EM determinism and convergence, term-frequency
adjustment, model JSON round trip, clustering guards, recordlinkage interop."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from linkage import LinkageConfig, Linker, to_feature_frame, to_multiindex
from linkage.blocking import block
from linkage.clustering import cluster
from linkage.comparisons import build_comparison
from linkage.config import BlockingRule, ClusteringSpec
from linkage.model import FellegiSunter


def _recs(**cols: list) -> pl.DataFrame:
    f = pl.DataFrame(cols)
    return f.with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))


def test_blocking_union_dedup_and_link_only() -> None:
    r = _recs(_src=["A", "A", "B", "B"], k1=["x", "x", "x", "y"], k2=["p", "q", "p", "q"])
    rules = [BlockingRule("k1", on=["k1"]), BlockingRule("k2", on=["k2"])]
    pairs, rep = block(r, rules, "link_and_dedupe")
    got = set(zip(pairs["idx_l"].to_list(), pairs["idx_r"].to_list(), strict=True))
    assert got == {(0, 1), (0, 2), (1, 2), (1, 3)}
    assert rep.per_rule["k1"]["pairs"] == 3 and rep.per_rule["k2"]["pairs"] == 2
    assert rep.per_rule["k2"]["new_pairs"] == 1 and rep.total == 4
    # (0, 2) came from both rules: mask has both bits, rule is the first
    row = pairs.filter((pl.col("idx_l") == 0) & (pl.col("idx_r") == 2))
    assert row["rules_mask"][0] == 3 and row["rule"][0] == "k1"
    pairs_lo, _ = block(r, rules, "link_only")
    assert set(zip(pairs_lo["idx_l"].to_list(), pairs_lo["idx_r"].to_list(), strict=True)) == {(0, 2), (1, 2), (1, 3)}


def test_a_rule_can_leave_a_source_out() -> None:
    """``exclude_sources`` keeps a source's records out of one rule only; the config reads it and
    writes it back."""
    r = _recs(_src=["A", "B", "C", "C"], k1=["x", "x", "x", "x"], k2=["p", "q", "q", "z"])
    rules = [BlockingRule("k1", on=["k1"], exclude_sources=["C"]), BlockingRule("k2", on=["k2"])]
    pairs, rep = block(r, rules, "link_and_dedupe")
    assert set(zip(pairs["idx_l"].to_list(), pairs["idx_r"].to_list(), strict=True)) == {(0, 1), (1, 2)}
    assert rep.per_rule["k1"]["pairs"] == 1
    cfg = LinkageConfig.from_dict({"blocking": [{"name": "k1", "on": ["k1"], "exclude_sources": ["C"]}],
                                   "comparisons": [{"name": "k2", "kind": "exact", "column": "k2"}]})
    assert cfg.blocking[0].exclude_sources == ["C"]
    assert cfg.blocking[0].to_dict()["exclude_sources"] == ["C"]


def test_blocking_window_sorted_neighbourhood_and_big_blocks() -> None:
    import datetime as dt

    d = dt.date
    r = _recs(_src=["S"] * 5, k=["a", "a", "a", "b", "b"], name=["ab", "ac", "ad", "ae", "af"],
              when=[d(2024, 1, 1), d(2024, 1, 5), d(2024, 3, 1), d(2024, 1, 1), d(2024, 1, 2)])
    win, _ = block(r, [BlockingRule("w", kind="window", on=["k"], date="when", within_days=7)], "dedupe")
    assert set(zip(win["idx_l"].to_list(), win["idx_r"].to_list(), strict=True)) == {(0, 1), (3, 4)}
    sn, _ = block(r, [BlockingRule("s", kind="sorted_neighbourhood", on=["name"], window=2)], "dedupe")
    assert set(zip(sn["idx_l"].to_list(), sn["idx_r"].to_list(), strict=True)) == {(0, 1), (1, 2), (2, 3), (3, 4)}
    big, rep = block(r, [BlockingRule("k", on=["k"], max_block_size=2)], "dedupe")
    assert set(zip(big["idx_l"].to_list(), big["idx_r"].to_list(), strict=True)) == {(3, 4)}
    assert rep.per_rule["k"]["skipped_records"] == 3
    sl, _ = block(r, [BlockingRule("p", on=["name[:1]"])], "dedupe")
    assert sl.height == 10


def _toy(seed: int) -> tuple[pl.DataFrame, FellegiSunter, dict[str, np.ndarray]]:
    """Comparison vectors drawn from a known model: 3 comparisons with 3 levels + null."""
    rng = np.random.default_rng(seed)
    m_true = {"a": [0.8, 0.15, 0.05], "b": [0.7, 0.2, 0.1], "c": [0.9, 0.05, 0.05]}
    u_true = {"a": [0.02, 0.08, 0.9], "b": [0.05, 0.15, 0.8], "c": [0.1, 0.2, 0.7]}
    n, lam = 40_000, 0.3
    match = rng.random(n) < lam
    cols = {}
    for k in "abc":
        lm = rng.choice(3, n, p=m_true[k]) + 1
        lu = rng.choice(3, n, p=u_true[k]) + 1
        cols[k] = np.where(match, lm, lu).astype(np.int8)
    vec = pl.DataFrame(cols)
    comps = [build_comparison({"name": k, "kind": "string", "column": k, "thresholds": [0.8]}) for k in "abc"]
    model = FellegiSunter(comps)
    for k in "abc":
        model.u_[k] = np.array([1.0, *u_true[k]])
    return vec, model, {k: np.array([1.0, *v]) for k, v in m_true.items()}


def test_em_converges_to_the_true_m_and_is_deterministic() -> None:
    vec, model, m_true = _toy(1)
    reports = model.estimate_m_em(vec, [("all", np.ones(vec.height, dtype=bool), [])], max_iter=500, tol=1e-9)
    assert reports[0].converged
    assert abs(reports[0].match_share - 0.3) < 0.02
    for k in "abc":
        assert np.abs(model.m_[k][1:] - m_true[k][1:]).max() < 0.03
    vec2, model2, _ = _toy(1)
    model2.estimate_m_em(vec2, [("all", np.ones(vec2.height, dtype=bool), [])], max_iter=500, tol=1e-9)
    for k in "abc":
        assert np.array_equal(model.m_[k], model2.m_[k])


def _people(n_common: int = 30) -> pl.DataFrame:
    """Two sources; person i appears in both. Many people share the name 'zhang wei'."""
    rows = []
    for i in range(120):
        name = "zhang wei" if i < n_common else f"name{i:03d}x"
        dob = f"19{50 + i % 40:02d}{1 + i % 12:02d}{1 + i % 27:02d}"
        city = f"c{i % 7}"
        rows.append(("A", f"a{i}", name, dob, city))
        rows.append(("B", f"b{i}", name, dob if i % 10 else dob[:6] + "28", city))
    return pl.DataFrame(rows, schema=["source", "record_id", "name", "dob", "city"], orient="row")


PEOPLE_CFG = {
    "linkage": {"name": "toy", "link_type": "link_only", "u_sample_pairs": 20000},
    "blocking": [{"name": "name", "on": ["name"]}, {"name": "dob", "on": ["dob"]}],
    "comparisons": [
        {"name": "name", "kind": "string", "column": "name", "thresholds": [0.9], "tf_adjust": True},
        {"name": "dob", "kind": "date", "column": "dob", "within_days": [30]},
        {"name": "city", "kind": "exact", "column": "city"},
    ],
    "clustering": {"one_per_source": ["A", "B"]},
}


def test_tf_adjustment_lowers_the_weight_of_a_common_name() -> None:
    recs = _people()
    linker = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=3).fit(recs)
    common = linker.explain(recs, ("A", "a1"), ("B", "b1"))
    rare = linker.explain(recs, ("A", "a50"), ("B", "b50"))
    tf_common = common.filter(pl.col("comparison") == "name (term frequency)")["match_weight"][0]
    tf_rare = rare.filter(pl.col("comparison") == "name (term frequency)")["match_weight"][0]
    assert tf_common < 0 < tf_rare
    assert common["match_weight"][-1] < rare["match_weight"][-1]


def test_waterfall_total_equals_the_scored_weight() -> None:
    recs = _people()
    linker = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=3).fit(recs)
    scored = linker.predict(recs)
    i, j = linker.index_of(recs, "A", "a50"), linker.index_of(recs, "B", "b50")
    w = scored.filter((pl.col("idx_l") == i) & (pl.col("idx_r") == j))["match_weight"][0]
    wf = linker.explain(recs, i, j)
    assert wf["comparison"][0] == "prior" and wf["comparison"][-1] == "total"
    assert wf["match_weight"][-1] == pytest.approx(w, abs=1e-9)
    assert wf["match_weight"][:-1].sum() == pytest.approx(w, abs=1e-9)


def test_model_json_round_trip_gives_identical_scores(tmp_path) -> None:
    recs = _people()
    linker = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=7).fit(recs)
    s1 = linker.predict(recs)
    path = tmp_path / "model.json"
    linker.save(path)
    loaded = Linker.load(path)
    s2 = loaded.predict(recs)
    assert s1["match_weight"].to_list() == s2["match_weight"].to_list()
    assert json.loads(path.read_text())["config"]["linkage"]["name"] == "toy"
    # same seed → same model, byte for byte
    again = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=7).fit(recs)
    assert json.dumps(again.to_dict(), sort_keys=True) == json.dumps(linker.to_dict(), sort_keys=True)


def test_links_are_one_to_one_and_mostly_right() -> None:
    recs = _people()
    linker = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=0)
    scored, _clusters, links = linker.link(recs)
    assert links.height == recs.height
    per = links.group_by("person_key").agg(pl.col("source").sort().str.join(",").alias("s"))
    assert per["s"].is_in(["A", "B", "A,B"]).all()
    pk = dict(zip(links["record_id"].to_list(), links["person_key"].to_list(), strict=True))
    right = sum(pk[f"a{i}"] == pk[f"b{i}"] for i in range(120))
    assert right >= 110
    # link() frees the stage caches before clustering (memory at scale); scoring again recomputes
    # them and gives the same pairs
    assert linker._cache is None and linker._pair_cache is None
    again = linker.predict(recs)
    assert again.equals(scored)


def test_clustering_guards_against_chaining() -> None:
    # 0-1-2-3 chained by strong links; 0 and 3 hold valid IDs far apart; 1 and 2 are two
    # deregistrations that are not duplicates; 4 duplicates 1 (same content) and may join.
    recs = _recs(
        _src=["claims", "dereg", "dereg", "claims", "dereg"],
        id=["110105194912310021", None, None, "440106199001011234", None],
        ok=[True, None, None, True, None],
        content=["p", "q", "r", "s", "q"],
    )
    scored = pl.DataFrame({
        "idx_l": pl.Series([0, 1, 2, 1], dtype=pl.UInt32),
        "idx_r": pl.Series([1, 2, 3, 4], dtype=pl.UInt32),
        "match_probability": [0.99, 0.6, 0.98, 0.95],
    })
    spec = ClusteringSpec(one_per_source=["dereg"], duplicate_columns=["content"], id_column="id",
                          id_valid_column="ok")
    out, stats = cluster(recs, scored, 0.5, spec)
    c = out["cluster"].to_list()
    assert c[0] == c[1] == c[4]          # best links kept, the duplicate joins
    assert c[2] == c[3] and c[2] != c[0]  # the weak 1-2 link is refused
    assert stats["refused_links"] == 1
    unguarded, _ = cluster(recs, scored, 0.5, ClusteringSpec())
    assert unguarded["cluster"].n_unique() == 1
    assert out["match_probability"].to_list()[2] == pytest.approx(0.98)


def test_a_resubmission_with_the_same_id_may_join_when_surely_linked() -> None:
    # 1 and 2 are two deregistrations of one ID whose content differs (a retyped name or date):
    # kept apart by default; with duplicate_min_probability they count as one record when
    # their own pair is sure (0.995), never when it is not (3: same ID, weak pair 0.7)
    recs = _recs(
        _src=["claims", "dereg", "dereg", "dereg"],
        id=["110105194912310021"] * 4,
        ok=[True, True, True, True],
        content=["p", "q", "r", "s"],
    )
    scored = pl.DataFrame({
        "idx_l": pl.Series([0, 0, 1, 1], dtype=pl.UInt32),
        "idx_r": pl.Series([1, 2, 2, 3], dtype=pl.UInt32),
        "match_probability": [0.99, 0.98, 0.995, 0.7],
    })
    base = dict(one_per_source=["dereg"], duplicate_columns=["content"], id_column="id", id_valid_column="ok")
    strict, _ = cluster(recs, scored, 0.5, ClusteringSpec(**base))
    c = strict["cluster"].to_list()
    assert c[0] == c[1] and c[2] != c[0] and c[3] != c[0]
    loose, _ = cluster(recs, scored, 0.5, ClusteringSpec(**base, duplicate_min_probability=0.99))
    c = loose["cluster"].to_list()
    assert c[0] == c[1] == c[2] and c[3] != c[0]


def test_interop_with_recordlinkage_evaluation() -> None:
    import recordlinkage as rl

    recs = _people().with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))
    linker = Linker(LinkageConfig.from_dict(PEOPLE_CFG), seed=0).fit(recs)
    scored = linker.predict(recs)
    prepared = linker.prepare(recs)
    mi = to_multiindex(scored.filter(pl.col("match_probability") > 0.5), prepared)
    truth = to_multiindex(pl.DataFrame({"idx_l": list(range(0, 240, 2)), "idx_r": list(range(1, 240, 2))}),
                          prepared)
    assert rl.fscore(truth, mi) > 0.9
    vec = linker.comparison_vectors(prepared, scored)
    feats = to_feature_frame(vec, scored, prepared, binary=True)
    assert list(feats.columns) == ["name", "dob", "city"] and set(np.unique(feats.to_numpy())) <= {0, 1}
    ecm = rl.ECMClassifier()
    assert len(ecm.fit_predict(feats)) > 50


def test_febrl4_f1_unsupervised(febrl4_run) -> None:
    res, out = febrl4_run
    assert res["f1"] >= 0.99
    links = pl.read_parquet(out / "links.parquet")
    assert links.columns == ["source", "record_id", "person_key", "match_probability"]
    assert links.height == 10_000 and set(links["source"].unique()) == {"A", "B"}
    assert (out / "model.json").is_file()


def _toy_with(seed: int, m_c: list[float]) -> pl.DataFrame:
    """Toy pairs like :func:`_toy` whose matches agree on ``c`` with the given m."""
    rng = np.random.default_rng(seed)
    m = {"a": [0.8, 0.15, 0.05], "b": [0.7, 0.2, 0.1], "c": m_c}
    u = {"a": [0.02, 0.08, 0.9], "b": [0.05, 0.15, 0.8], "c": [0.1, 0.2, 0.7]}
    n = 20_000
    match = rng.random(n) < 0.3
    return pl.DataFrame({k: np.where(match, rng.choice(3, n, p=m[k]) + 1,
                                     rng.choice(3, n, p=u[k]) + 1).astype(np.int8) for k in "abc"})


def test_median_pooling_ignores_one_session_whose_matches_disagree() -> None:
    """Three EM sessions; in one, what EM takes for matches mostly disagree on ``c`` (a name-only
    blocking rule whose "matches" are namesakes). The median keeps the other two sessions' m for
    ``c``; the mean carries a third of the error into the model."""
    good = [0.9, 0.05, 0.05]
    vec = pl.concat([_toy_with(1, good), _toy_with(2, good), _toy_with(3, [0.2, 0.1, 0.7])])
    n = vec.height // 3
    masks = [np.arange(vec.height) // n == i for i in range(3)]
    sessions = [(f"s{i}", masks[i], []) for i in range(3)]
    pooled = {}
    for how in ("median", "mean"):
        _, model, _ = _toy(1)
        model.estimate_m_em(vec, sessions, max_iter=500, tol=1e-9, pooling=how)
        assert model.training_["m_pooling"] == how
        pooled[how] = model.m_["c"]
        assert abs(model.m_["c"][1:].sum() - 1.0) < 1e-9
    assert abs(pooled["median"][1] - 0.9) < 0.03
    assert pooled["mean"][1] < 0.8
    with pytest.raises(ValueError, match="pooling"):
        _toy(1)[1].estimate_m_em(vec, sessions, pooling="mode")
