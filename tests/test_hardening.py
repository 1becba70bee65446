"""Hostile Python inputs (issue 11): each gives a clear error or the right meaning,
never a dead interpreter, a silently dropped value or unbounded threads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import namedrop as nd

# Containers that `g.add(..., meta=v)` may nest inside the attribute map: the map
# itself is level 1 of serde_json's 128 and the last level is refused when read back.
MAX_VALUE_DEPTH = 126


def nested_list(depth: int) -> Any:
    """A value `depth` lists deep: [[...[0]...]]."""
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a fresh interpreter: a crash there fails the test, not pytest."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---- attribute values: depth limit and cycles ---------------------------------------


def error_in_child(setup: str, call: str) -> str:
    """Runs `setup` then `call` in a fresh interpreter (on main these killed it) and
    returns "InputError: <message>", or what else happened."""
    proc = run_python(
        f"""
        import namedrop as nd
        {setup}
        try:
            {call}
        except nd.InputError as e:
            print("InputError:", e)
        else:
            print("stored")
        """
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


CYCLES = {
    "self-dict": "d = {}; d['s'] = d",
    "self-list": "d = []; d.append(d)",
    "indirect": "d = {'a': [1, {'b': None}]}; d['a'][1]['b'] = d['a']",
    "via-tuple": "d = []; d.append((1, d))",
}


@pytest.mark.parametrize("setup", CYCLES.values(), ids=CYCLES.keys())
def test_cyclic_attribute_raises_input_error(setup: str) -> None:
    out = error_in_child(setup, 'nd.Gazetteer().add("x", "X", meta=d)')
    assert out.startswith("InputError:"), out
    assert "meta" in out and "cycle" in out


def test_8000_deep_attribute_raises_input_error() -> None:
    out = error_in_child(
        "import functools; d = functools.reduce(lambda v, _: [v], range(8000), 0)",
        'nd.Gazetteer().add("x", "X", meta=d)'
    )
    assert out.startswith("InputError:"), out
    assert "meta" in out and "128" in out


def test_cyclic_record_raises_input_error() -> None:
    out = error_in_child(
        "r = {'id': 'x', 'name': 'X'}; r['meta'] = [r]",
        "nd.Gazetteer.from_records([{'id': 'a', 'name': 'A'}, r])",
    )
    assert out.startswith("InputError: record 2"), out
    assert "cycle" in out


def test_value_at_the_depth_limit_is_stored_whole() -> None:
    g = nd.Gazetteer()
    value = nested_list(MAX_VALUE_DEPTH)
    g.add("x", "X", meta=value, other=1)
    assert g["x"]["meta"] == value
    assert g["x"]["other"] == 1


def test_value_past_the_depth_limit_is_refused_not_dropped() -> None:
    # On main this was stored and `g["x"]` then came back without any attribute.
    g = nd.Gazetteer()
    with pytest.raises(nd.InputError, match=r"meta.*128"):
        g.add("x", "X", meta=nested_list(MAX_VALUE_DEPTH + 1), other=1)
    assert "x" not in g


def test_deep_dicts_count_like_lists() -> None:
    value: Any = 0
    for _ in range(MAX_VALUE_DEPTH + 1):
        value = {"k": value}
    with pytest.raises(nd.InputError, match="128"):
        nd.Gazetteer().add("x", "X", meta=value)


def test_shared_value_is_not_a_cycle() -> None:
    shared = [1, 2]
    g = nd.Gazetteer()
    g.add("x", "X", a=shared, b={"again": shared})
    assert g["x"]["a"] == [1, 2]
    assert g["x"]["b"] == {"again": [1, 2]}


def test_shared_values_that_expand_exponentially_are_refused() -> None:
    # 60 Python objects, 2^31 JSON values once every shared list is written out.
    value: Any = [0]
    for _ in range(30):
        value = [value, value]
    with pytest.raises(nd.InputError, match=r"meta.*values"):
        nd.Gazetteer().add("x", "X", meta=value)


def test_from_records_refuses_deep_and_cyclic_values() -> None:
    rows = [
        {"id": "a", "name": "A"},
        {"id": "x", "name": "X", "meta": nested_list(MAX_VALUE_DEPTH + 1)},
    ]
    with pytest.raises(nd.InputError, match=r"record 2.*meta.*128"):
        nd.Gazetteer.from_records(rows)
    ok = nd.Gazetteer.from_records([{"id": "x", "name": "X", "m": nested_list(MAX_VALUE_DEPTH)}])
    assert ok["x"]["m"] == nested_list(MAX_VALUE_DEPTH)


def test_from_frame_refuses_deep_values() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({
        "id": ["a", "x"],
        "name": ["A", "X"],
        "meta": [None, nested_list(MAX_VALUE_DEPTH + 1)],
    })
    with pytest.raises(nd.InputError, match=r"record 2.*meta.*128"):
        nd.Gazetteer.from_frame(frame)


# ---- cues ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> nd.Gazetteer:
    return nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
    ])


def test_a_str_cue_is_one_cue(gazetteer: nd.Gazetteer) -> None:
    ex = nd.Extractor(gazetteer, cues="announced")
    assert ex.options["cues"] == ["announced"]
    text = "“We will reopen in March,” Dana Whitfield announced."
    q = ex(text).quotes[0]
    assert q.cue == "announced"
    assert q.speaker is not None and q.speaker.entity_id == "dw"
    assert text[q.cue_start:q.cue_end] == q.cue
    # The same as a one-item list, and it survives pickling.
    assert ex.options == nd.Extractor(gazetteer, cues=["announced"]).options
    import pickle

    assert pickle.loads(pickle.dumps(ex)).options["cues"] == ["announced"]


@pytest.mark.parametrize("bad", [5, 2.5, object(), True])
def test_non_iterable_cues_raise_type_error_naming_cues(gazetteer: nd.Gazetteer, bad: Any) -> None:
    with pytest.raises(TypeError, match="cues"):
        nd.Extractor(gazetteer, cues=bad)


@pytest.mark.parametrize("bad", [["said", 3], [b"said"], [None]])
def test_non_str_cue_items_raise_type_error_naming_cues(gazetteer: nd.Gazetteer, bad: Any) -> None:
    with pytest.raises(TypeError, match=r"cues\[\d\]"):
        nd.Extractor(gazetteer, cues=bad)


def test_cues_from_a_generator_or_tuple(gazetteer: nd.Gazetteer) -> None:
    assert nd.Extractor(gazetteer, cues=(c for c in ["announced"])).options["cues"] == ["announced"]
    assert nd.Extractor(gazetteer, cues=("announced",)).options["cues"] == ["announced"]


# ---- aliases ------------------------------------------------------------------------


def test_alias_dict_is_not_a_list_of_aliases() -> None:
    g = nd.Gazetteer()
    with pytest.raises(TypeError, match="aliases"):
        g.add("us", "United States", aliases={"text": "US", "case": "exact"})
    assert "us" not in g
    # The per-alias options are written as a list item.
    g.add("us", "United States", aliases=[{"text": "US", "case": "exact"}])
    assert g["us"]["aliases"] == [{"text": "US", "case": "exact"}]


@pytest.mark.parametrize("bad", ["US", 5, b"US"])
def test_aliases_must_be_a_list(bad: Any) -> None:
    g = nd.Gazetteer()
    with pytest.raises(TypeError, match="aliases"):
        g.add("us", "United States", aliases=bad)
    assert "us" not in g


def test_aliases_from_any_iterable_of_str() -> None:
    g = nd.Gazetteer()
    g.add("us", "United States", aliases=("U.S.", "USA"))
    g.add("uk", "United Kingdom", aliases=(a for a in ["U.K."]))
    assert g["us"]["aliases"] == ["U.S.", "USA"]
    assert g["uk"]["aliases"] == ["U.K."]


# ---- pipe: as_tuples, bad rows, n_threads --------------------------------------------


@pytest.fixture(scope="module")
def ex(gazetteer: nd.Gazetteer) -> nd.Extractor:
    return nd.Extractor(gazetteer)


@pytest.mark.parametrize("n_threads", [1, None])
def test_as_tuples_item_must_be_a_pair(ex: nd.Extractor, n_threads: int | None) -> None:
    with pytest.raises(TypeError, match="index 0"):
        list(ex.pipe(["ab"], as_tuples=True, n_threads=n_threads))
    with pytest.raises(TypeError, match="index 1"):
        list(ex.pipe([("a", 1), ("b", 2, 3)], as_tuples=True, n_threads=n_threads))
    with pytest.raises(TypeError, match="index 0"):
        list(ex.pipe([None], as_tuples=True, n_threads=n_threads))


def test_as_tuples_pairs_keep_their_context(ex: nd.Extractor) -> None:
    out = list(ex.pipe([("Dana Whitfield", {"id": 7}), ["x", "list pair"]], as_tuples=True))
    assert [(d.text, c) for d, c in out] == [("Dana Whitfield", {"id": 7}), ("x", "list pair")]


@pytest.mark.parametrize("n_threads", [1, 2, None])
@pytest.mark.parametrize("bad_at", [0, 255, 256, 300])
def test_pipe_yields_every_document_before_a_bad_row(
    ex: nd.Extractor, n_threads: int | None, bad_at: int
) -> None:
    texts: list[Any] = [f"Dana Whitfield {i}" for i in range(600)]
    texts[bad_at] = 12345
    seen = []
    with pytest.raises(TypeError, match=f"index {bad_at}"):
        for doc in ex.pipe(texts, n_threads=n_threads):
            seen.append(doc.text)
    assert seen == texts[:bad_at]


def test_pipe_yields_every_document_before_a_bad_pair(ex: nd.Extractor) -> None:
    items: list[Any] = [(f"t{i}", i) for i in range(400)]
    items[300] = "not a pair"
    seen = []
    with pytest.raises(TypeError, match="index 300"):
        for _doc, ctx in ex.pipe(items, as_tuples=True):
            seen.append(ctx)
    assert seen == list(range(300))


def test_pipe_yields_documents_before_the_iterator_fails(ex: nd.Extractor) -> None:
    def rows() -> Iterator[str]:
        for i in range(300):
            yield f"t{i}"
        raise RuntimeError("source broke")

    seen = []
    with pytest.raises(RuntimeError, match="source broke"):
        for doc in ex.pipe(rows()):
            seen.append(doc.text)
    assert seen == [f"t{i}" for i in range(300)]


BAD_THREADS = [-1, 0, -(2**70), 2**64, 10**30, 100_000]


@pytest.mark.parametrize("n", BAD_THREADS)
def test_bad_n_threads_is_an_input_error_naming_it(ex: nd.Extractor, n: int) -> None:
    texts = ["Dana Whitfield", "x"]
    calls = [
        lambda: ex.pipe(texts, n_threads=n),  # raised at the call, before iteration
        lambda: ex._core.extract_batch(texts, n),
        lambda: ex._core.entities_columns(texts, n),
        lambda: ex._core.quotes_columns(texts, n),
    ]
    for call in calls:
        with pytest.raises(nd.InputError, match="n_threads") as info:
            call()
        assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("n", BAD_THREADS)
def test_bad_n_threads_in_frames(ex: nd.Extractor, n: int) -> None:
    pytest.importorskip("pandas")
    with pytest.raises(nd.InputError, match="n_threads"):
        ex.entities_frame(["Dana Whitfield"], n_threads=n)
    with pytest.raises(nd.InputError, match="n_threads"):
        ex.quotes_frame(["Dana Whitfield"], n_threads=n)


@pytest.mark.parametrize("n", ["2", 2.0, True])
def test_non_int_n_threads_is_a_type_error(ex: nd.Extractor, n: Any) -> None:
    with pytest.raises(TypeError, match="n_threads"):
        ex.pipe(["x"], n_threads=n)
    with pytest.raises(TypeError, match="n_threads"):
        ex._core.extract_batch(["x", "y"], n)


def test_good_n_threads_give_the_same_documents(ex: nd.Extractor) -> None:
    texts = [f"“Yes,” Dana Whitfield said {i}." for i in range(50)]
    want = [d.to_dict() for d in ex.pipe(texts, n_threads=1)]
    for n in (2, 3, 64, os.cpu_count() or 1, None):
        assert [d.to_dict() for d in ex.pipe(texts, n_threads=n)] == want


def _threads() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError("no Threads line in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_thread_count_stays_bounded_over_many_n_threads() -> None:
    # A fresh interpreter, so that pools made by other tests do not count.
    proc = run_python(
        """
        import os
        from pathlib import Path
        import namedrop as nd

        def threads():
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("Threads:"):
                    return int(line.split()[1])

        ex = nd.Extractor(nd.Gazetteer())
        texts = ["a b c"] * 64
        before = threads()
        for n in range(2, 34):
            for _ in range(2):
                ex._core.extract_batch(texts, n)
        print(before, threads(), os.cpu_count())
        """
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    before, after, cores = map(int, proc.stdout.split())
    # The global pool plus at most four cached pools, none larger than the machine.
    assert after - before <= 5 * cores, (before, after, cores)
