"""Resolve a run reference — a run id as `crosscheck runs` lists it, or a run's output
folder — to the run's output folder (data contract: "a command that takes a run accepts
its run id or its output folder")."""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import UsageError


def resolve_run_dir(ref: str | Path, store_url: str | None = None) -> Path:
    """A run folder from a folder path or a run id (looked up in the run store).

    Raises :class:`UsageError` when neither works.
    """
    p = Path(ref)
    if (p / "run.json").is_file():
        return p
    if p.exists():
        raise UsageError(f"{p} is not a run folder (no run.json)",
                         hint="pass the output folder of `crosscheck run` or a run id from `crosscheck runs`")
    if store_url is None:
        from pipelines.cli import default_db_url

        store_url = default_db_url()
    if store_url.startswith("sqlite:///") and store_url != "sqlite:///:memory:" \
            and not Path(store_url[len("sqlite:///"):]).is_file():
        raise UsageError(f"{ref!r} is not a run folder and there is no run store at {store_url}",
                         hint="pass the run's output folder, or the store with --db")
    from pipelines.store import open_store

    try:
        store = open_store(store_url, upgrade=False)
    except Exception as exc:
        raise UsageError(f"cannot open the run store {store_url}: {exc}",
                         hint="check --db, or pass the run's output folder") from exc
    try:
        run = store.get_run(str(ref))
    finally:
        store.close()
    if run is None:
        raise UsageError(f"no run {ref!r} in the run store {store_url}",
                         hint="list runs with `crosscheck runs`, or pass the run's output folder")
    folder = Path(run.out_dir) if run.out_dir else None
    if folder is None or not (folder / "run.json").is_file():
        raise UsageError(f"run {ref!r} has no output folder on this machine ({run.out_dir})",
                         hint="pass the run's output folder instead")
    return folder
