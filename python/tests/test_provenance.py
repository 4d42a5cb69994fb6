"""The provenance record in what the package returns: which limen, the call, the time, the seeds
and the data files read with their SHA-256 (checked here with hashlib, independently)."""
import hashlib

import limen


def test_project_records_the_call_and_its_data_files() -> None:
    df = limen.project(model="gpt-3", paradigms=["landauer-adiabatic"])
    p = df.attrs["provenance"]
    assert p["limen_version"] == limen.version()
    assert p["command"].endswith("(limen.project)")
    assert p["utc"].endswith("Z") and len(p["utc"]) == 20
    names = {f["path"].rsplit("/", 1)[-1]: f for f in p["data_files"]}
    assert "models.json" in names
    f = names["models.json"]
    data = open(f["path"], "rb").read()
    assert f["bytes"] == len(data)
    assert f["sha256"] == hashlib.sha256(data).hexdigest()


def test_sweep_frame_and_a_run_keep_their_own_record() -> None:
    df = limen.sweep(vary={"bits": (4, 8, 2)}, paradigms=["landauer-adiabatic"])
    assert df.attrs["provenance"]["command"].endswith("(limen.sweep)")
    assert "provenance" not in df.attrs["workload"]
    doc = limen.simulate("erasure", trajectories=64, seed=11)
    p = doc["provenance"]
    assert p["command"].endswith("(limen.simulate)")
    assert p["seeds"] == [11]
    assert p["data_files"] == []  # the earlier call's files are not this run's
