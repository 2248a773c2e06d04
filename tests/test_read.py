"""actorgraph.read and Pipeline.analyze(paths=...): records equal what a plain
Python reader gives, and the analysis equals analyze(texts, ids=, dates=)."""

import concurrent.futures
import csv
import gzip
import io
import json
import pickle
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph
from actorgraph import DataError, Record

TEXTS = [
    "Egypt and the UAE backed Khalifa Haftar's forces near Tobruk.",
    "قال المبعوث إن الحوار في الصخيرات مستمر. Bernardino León met Haftar in Tobruk 😀.",
    "",
    "Zoë Müller of the UN met Égypte's envoy in Genève on 3 March 2015.\r\nHaftar agreed.",
    'He said "no" to the GNA, twice.\nThen Tripoli, again.',
]
DATES = ["2015-03-01", None, "2015-04-02T10:00:00", "", "2015-05-03"]


@pytest.fixture(scope="module")
def nlp():
    return actorgraph.Pipeline(model=None)


def write_jsonl(path: Path, rows, opener=open):
    with opener(path, "wt", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def rows():
    return [
        {"id": f"d{i}", "text": t, "date": d}
        for i, (t, d) in enumerate(zip(TEXTS, DATES, strict=True))
    ]


def python_jsonl(path: Path) -> list[tuple]:
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.append((r["text"] or "", str(r["id"]), r.get("date") or None))
    return out


def python_csv(path: Path, delimiter=",") -> list[tuple]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return [
            (r["text"], r["id"], r["date"] or None) for r in csv.DictReader(f, delimiter=delimiter)
        ]


@pytest.mark.parametrize("name", ["a.jsonl", "a.ndjson", "a.jsonl.gz"])
def test_json_lines_equal_a_python_reader(tmp_path, name):
    path = tmp_path / name
    write_jsonl(path, rows(), gzip.open if name.endswith(".gz") else open)
    records = list(actorgraph.read(path, batch_size=2))
    assert [tuple(r) for r in records] == python_jsonl(path)
    assert all(type(r) is Record for r in records)
    assert records[1].text == TEXTS[1] and records[2].text == ""


@pytest.mark.parametrize("name", ["a.csv", "a.csv.gz", "a.tsv"])
def test_csv_and_tsv_equal_a_python_reader(tmp_path, name):
    path = tmp_path / name
    delimiter = "\t" if ".tsv" in name else ","
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["id", "text", "date"])
    for r in rows():
        writer.writerow([r["id"], r["text"], r["date"] or ""])
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    records = [tuple(r) for r in actorgraph.read(path)]
    assert records == python_csv(path, delimiter)
    assert records[3][0] == TEXTS[3]  # CRLF inside a quoted field kept


def test_folder_tree_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(TEXTS[1].encode("utf-8"))
    (tmp_path / "a.txt").write_bytes(TEXTS[3].encode("utf-8"))  # CRLF kept
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode("utf-8")))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("not read", encoding="utf-8")
    files = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".txt", ".gz"))
    expected = [
        (gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes()).decode()
        for f in files
    ]
    records = list(actorgraph.read(tmp_path))
    assert [r.text for r in records] == expected
    assert [r.id for r in records] == [str(f) for f in files]
    assert [r.date for r in records] == [None] * 4
    assert [r.id for r in actorgraph.read(tmp_path, glob="*.md")] == [str(tmp_path / "notes.md")]


def test_reader_is_reusable_and_picklable(tmp_path):
    path = tmp_path / "a.jsonl"
    write_jsonl(path, rows())
    reader = actorgraph.read([str(path)], batch_size=1)
    assert list(reader) == list(reader)
    batches = list(reader.batches())
    assert [len(b.texts) for b in batches] == [1] * len(TEXTS)
    assert list(pickle.loads(pickle.dumps(reader))) == list(reader)


def test_field_names_and_default_ids(tmp_path):
    path = tmp_path / "a.jsonl"
    write_jsonl(path, [{"body": "Egypt.", "when": "2015-01-02"}, {"body": None, "n": 1}])
    with pytest.raises(DataError, match=r"a\.jsonl, line 1: no field \"n\""):
        list(actorgraph.read(path, text="body", id="n"))
    records = list(actorgraph.read(path, text="body"))
    assert records == [("Egypt.", f"{path}:1", None), ("", f"{path}:2", None)]
    with pytest.raises(DataError, match=r"line 2: no field \"when\""):
        list(actorgraph.read(path, text="body", date="when"))


def test_bad_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{"text": "broken"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.jsonl, line 2: not a JSON object"):
        list(actorgraph.read(path))


def test_missing_column_names_file_and_columns(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("id,body\n1,Egypt\n", encoding="utf-8")
    with pytest.raises(DataError, match=r'm\.csv, line 1: no column "text".*columns: id, body'):
        list(actorgraph.read(path))
    assert list(actorgraph.read(path, text="body")) == [("Egypt", "1", None)]


def test_non_utf8_is_an_error_or_replaced(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Egypt\n backed \xff\xfe Haftar.")
    with pytest.raises(DataError, match=r"bad\.txt, line 2: not valid UTF-8 \(byte 14 "):
        list(actorgraph.read(path))
    reader = actorgraph.read(path, errors="replace")
    (record,) = reader
    assert record.text == b"Egypt\n backed \xff\xfe Haftar.".decode("utf-8", "replace")
    assert reader.replaced == [str(path)]


def test_missing_path_and_bad_options(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        list(actorgraph.read(tmp_path / "nope"))
    with pytest.raises(ValueError, match="format must be"):
        actorgraph.read(tmp_path, format="xml")
    with pytest.raises(ValueError, match="errors must be"):
        actorgraph.read(tmp_path, errors="ignore")


def test_format_override(tmp_path):
    path = tmp_path / "data.json"
    write_jsonl(path, rows()[:2])
    assert [r.text for r in actorgraph.read(path)] == [path.read_text(encoding="utf-8")]
    assert [r.text for r in actorgraph.read(path, format="jsonl")] == TEXTS[:2]


def test_analyze_paths_equals_analyze_texts(nlp, tmp_path):
    pytest.importorskip("pandas")
    path = tmp_path / "a.jsonl.gz"
    write_jsonl(path, rows(), gzip.open)
    from_paths = nlp.analyze(paths=path, batch_size=2, progress=False)
    dates = [d or None for d in DATES]
    ids = [f"d{i}" for i in range(len(TEXTS))]
    from_texts = nlp.analyze(TEXTS, ids=ids, dates=dates, batch_size=2, progress=False)
    assert from_paths.ids == from_texts.ids and from_paths.dates == from_texts.dates
    for table in ("mentions_df", "entities_df", "relations_df", "edges_df"):
        assert getattr(from_paths, table)().equals(getattr(from_texts, table)()), table
    reader = actorgraph.read(path)
    assert nlp.analyze(reader, progress=False).mentions_df().equals(from_texts.mentions_df())
    docs = list(nlp.pipe(paths=[path], progress=False))
    assert [d.text for d in docs] == TEXTS
    assert [d.entities for d in docs] == [d.entities for d in from_texts.docs]


def test_analyze_paths_argument_errors(nlp, tmp_path):
    path = tmp_path / "a.jsonl"
    write_jsonl(path, rows())
    with pytest.raises(TypeError, match="drop ids"):
        nlp.analyze(paths=path, ids=["a"])
    with pytest.raises(TypeError, match="drop texts"):
        nlp.analyze(["x"], paths=path)
    with pytest.raises(TypeError, match="unexpected keyword"):
        nlp.analyze(["x"], text="body")
    with pytest.raises(TypeError, match="needs texts or paths"):
        nlp.analyze()
    assert nlp.analyze(paths=path, text="text", progress=False).dates is not None
    txt = tmp_path / "t.txt"
    txt.write_text("Egypt.", encoding="utf-8")
    assert nlp.analyze(paths=txt, progress=False).dates is None


def test_parquet_equals_a_python_reader(nlp, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "id": list(range(len(TEXTS))),
            "body": [t or None for t in TEXTS],
            "date": DATES,
        }
    )
    path = tmp_path / "a.parquet"
    pq.write_table(table, path, row_group_size=2)
    records = [tuple(r) for r in actorgraph.read(path, text="body", batch_size=2)]
    columns = table.to_pydict().values()
    expected = [(t or "", str(i), d or None) for i, t, d in zip(*columns, strict=True)]
    assert records == expected
    no_ids = list(actorgraph.read(path, text="body", id=None, date=None))
    assert no_ids[0].id == "0"  # the parquet's own id column, found by default
    pq.write_table(table.drop_columns(["id"]), tmp_path / "b.parquet")
    assert [r.id for r in actorgraph.read(tmp_path / "b.parquet", text="body")][:2] == [
        f"{tmp_path / 'b.parquet'}:0",
        f"{tmp_path / 'b.parquet'}:1",
    ]
    with pytest.raises(DataError, match="no column 'text'"):
        list(actorgraph.read(path))
    # A folder mixing parquet and JSON lines keeps the sorted file order.
    write_jsonl(tmp_path / "c.jsonl", [{"body": "Egypt."}])
    texts = [r.text for r in actorgraph.read(tmp_path, text="body")]
    assert texts == [t for t, _, _ in expected] * 2 + ["Egypt."]
    corpus = nlp.analyze(paths=path, text="body", progress=False)
    assert corpus.ids == [str(i) for i in range(len(TEXTS))]


def test_cli_reads_json_lines_with_field_options(tmp_path, capsys):
    from actorgraph.cli import main

    path = tmp_path / "news.jsonl.gz"
    write_jsonl(
        path,
        [{"body": TEXTS[0], "published": "2015-03-01"}, {"body": TEXTS[4], "published": None}],
        gzip.open,
    )
    args = ["analyze", str(path), "--model", "none", "--text-field", "body"]
    assert main([*args, "--date-field", "published"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 documents") and "1 of 2 documents dated" in out
    assert main([*args, "--date-field", "missing"]) == 2
    assert 'no field "missing"' in capsys.readouterr().err


def test_corrupt_gzip_ragged_rows_and_required_columns(tmp_path):
    data = gzip.compress(json.dumps({"text": "x" * 5000}).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match=r"cut\.jsonl\.gz: cannot decompress"):
        list(actorgraph.read(tmp_path / "cut.jsonl.gz"))
    ragged = tmp_path / "r.csv"
    ragged.write_text("id,text\n1,a\n2,b,c\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"r\.csv, line 3: this row has 3 fields, the header 2"):
        list(actorgraph.read(ragged))
    with pytest.raises(DataError, match=r'line 1: no column "when"'):
        list(actorgraph.read(ragged, date="when"))


def test_parquet_without_pyarrow_is_a_clear_import_error(tmp_path, monkeypatch):
    (tmp_path / "a.parquet").write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"a\.parquet needs pyarrow: pip install pyarrow"):
        list(actorgraph.read(tmp_path / "a.parquet"))


def test_one_reader_iterated_from_threads(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    write_jsonl(path, rows() * 200, gzip.open)
    reader = actorgraph.read(path, batch_size=7)
    expected = list(reader)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: list(reader), range(8)))
    assert all(r == expected for r in results)


_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)


@given(st.lists(st.tuples(_TEXT, _TEXT, st.none() | _TEXT), max_size=6))
def test_any_records_round_trip_through_json_lines_and_csv(records):
    with tempfile.TemporaryDirectory() as tmp:
        jsonl, table = Path(tmp) / "a.jsonl.gz", Path(tmp) / "a.csv"
        write_jsonl(jsonl, [{"text": t, "id": i, "date": d} for t, i, d in records], gzip.open)
        with open(table, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["text", "id", "date"])
            writer.writerows((t, i, d or "") for t, i, d in records)
        assert [tuple(r) for r in actorgraph.read(jsonl, batch_size=4)] == python_jsonl(jsonl)
        assert [tuple(r) for r in actorgraph.read(table, batch_size=4)] == python_csv(table)
        assert len(python_csv(table)) == len(records)
