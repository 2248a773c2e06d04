"""Corpus tables: stable columns and dtypes, and the same numbers as the objects."""

import datetime as dt
import pickle

import pytest

import actorgraph

pd = pytest.importorskip("pandas")

TEXTS = [
    "Khalifa Haftar met Bernardino Leon in Tobruk. Haftar's forces left.",
    "😀 Leon spoke to the UAE and to Zürich's mayor.",
    "Egypt and the United Arab Emirates backed Khalifa Haftar.",
]
DATES = [dt.date(2015, 3, 1), "2015-03-20T10:00:00+02:00", None]

MENTIONS = [
    "doc_id", "date", "sentence", "start", "end", "text", "label", "score", "source",
    "entity", "name", "kb_id", "canonical", "country", "owner",
]  # fmt: skip
ENTITIES = [
    "entity", "name", "label", "mentions", "sentences", "documents", "aliases",
    "first_date", "last_date",
]  # fmt: skip
RELATIONS = [
    "doc_id", "date", "source", "target", "source_text", "target_text", "source_label",
    "target_label", "source_start", "source_end", "target_start", "target_end", "label",
    "score", "sentence_start", "sentence_end", "evidence", "tone", "negated", "hypothetical",
    "reported",
]  # fmt: skip
EDGES = [
    "source", "target", "source_name", "target_name", "source_label", "target_label", "count",
    "documents", "pmi", "npmi", "llr", "p_value", "relations", "tone", "evidence",
    "evidence_doc_id",
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return actorgraph.Pipeline().analyze(TEXTS, ids=["a", "b", "c"], dates=DATES)


def without_dates(columns):
    return [c for c in columns if c not in ("date", "first_date", "last_date")]


def dtypes(frame):
    return {c: str(t) for c, t in frame.dtypes.items()}


def test_columns_and_dtypes(corpus):
    undated = actorgraph.Pipeline().analyze(TEXTS, ids=["a", "b", "c"])
    for method, columns in [
        ("mentions_df", MENTIONS),
        ("entities_df", ENTITIES),
        ("relations_df", RELATIONS),
        ("edges_df", EDGES),
    ]:
        assert list(getattr(corpus, method)().columns) == columns, method
        assert list(getattr(undated, method)().columns) == without_dates(columns), method
        empty = actorgraph.Pipeline().analyze([], dates=[])
        assert list(getattr(empty, method)().columns) == columns, method
    m = dtypes(corpus.mentions_df())
    assert (m["date"], m["sentence"], m["start"], m["score"]) == (
        "datetime64[ns]", "Int64", "int64", "float64"
    )  # fmt: skip
    assert {m[c] for c in ("text", "label", "entity", "kb_id", "owner")} == {"string"}
    e = dtypes(corpus.entities_df())
    assert (e["mentions"], e["documents"], e["first_date"]) == ("int64", "int64", "datetime64[ns]")
    r = dtypes(corpus.relations_df())
    assert (r["source_start"], r["sentence_end"], r["score"]) == ("int64", "int64", "float64")
    g = dtypes(corpus.edges_df())
    assert (g["count"], g["llr"], g["p_value"], g["source"]) == (
        "int64", "float64", "float64", "string"
    )  # fmt: skip


def test_mentions_table(corpus):
    table = corpus.mentions_df()
    assert len(table) == sum(len(d.entities) for d in corpus.docs)
    for row in table.itertuples():
        doc = corpus.docs[corpus.ids.index(row.doc_id)]
        assert doc.text[row.start : row.end] == row.text
    # corpus keys: the second text's bare "Leon" is the corpus's only Leon
    leon = table[(table.doc_id == "b") & (table.text == "Leon")]
    assert leon.entity.tolist() == ["Person:bernardino leon"]
    assert leon.name.tolist() == ["Bernardino Leon"]
    assert set(table.entity) == set(corpus.entities_df().entity)
    # aware datetimes are kept in UTC; unknown dates are NaT
    dates = table.drop_duplicates("doc_id").date.tolist()
    assert dates[:2] == [pd.Timestamp("2015-03-01"), pd.Timestamp("2015-03-20 08:00")]
    assert pd.isna(dates[2])
    assert corpus.dates[1] == dt.datetime(2015, 3, 20, 8, 0)
    uae = table[table.text == "UAE"].iloc[0]
    assert (uae.entity, uae.kb_id, uae.canonical) == (
        "country:AE",
        "country:AE",
        "United Arab Emirates",
    )
    assert pd.isna(table[table.text == "Tobruk"].iloc[0].owner)


def test_entities_table(corpus):
    table = corpus.entities_df()
    assert table.entity.tolist() == [e.key for e in corpus.entities()]
    haftar = table.set_index("entity").loc["Person:khalifa haftar"]
    assert (haftar.documents, haftar.first_date, haftar.last_date) == (
        2, pd.Timestamp("2015-03-01"), pd.Timestamp("2015-03-01")
    )  # fmt: skip
    leon = table.set_index("entity").loc["Person:bernardino leon"]
    assert leon.last_date == pd.Timestamp("2015-03-20 08:00")
    assert "Leon" in leon.aliases


def test_relations_table(corpus):
    table = corpus.relations_df()
    assert len(table) == sum(len(d.relations) for d in corpus.docs)
    first = corpus.docs[0].relations[0]
    row = table.iloc[0]
    assert (row.source_text, row.target_text, row.label, row.evidence) == (
        first.source.text, first.target.text, first.label, first.evidence
    )  # fmt: skip
    assert (row.sentence_start, row.sentence_end) == first.sentence
    assert set(table.source) | set(table.target) <= set(corpus.entities_df().entity)


def test_edges_table_matches_edges(corpus):
    table = corpus.edges_df(min_count=1)
    edges = corpus.edges()
    assert len(table) == len(edges)
    for row, edge in zip(table.itertuples(), edges, strict=True):
        assert (row.source, row.target, row.count, row.documents) == (
            edge.source, edge.target, edge.count, edge.documents
        )  # fmt: skip
        assert (row.pmi, row.npmi, row.llr, row.p_value) == (
            edge.pmi, edge.npmi, edge.llr, edge.p_value
        )  # fmt: skip
        assert (row.evidence, row.evidence_doc_id) == (
            edge.evidence[0].text, edge.evidence[0].doc_id
        )  # fmt: skip
    index = corpus.entity_index()
    assert table.source_name.tolist() == [index[k].name for k in table.source]
    assert len(corpus.edges_df(min_count=2)) == len(corpus.edges(min_count=2))


def test_corpus_with_dates_round_trips_and_grows(corpus):
    clone = pickle.loads(pickle.dumps(corpus))
    assert clone.dates == corpus.dates
    assert clone.edges_df(freq="M").equals(corpus.edges_df(freq="M"))
    built = actorgraph.Corpus.from_docs(corpus.docs, ids=corpus.ids, dates=DATES)
    assert built.mentions_df().equals(corpus.mentions_df())
    built.add(actorgraph.Pipeline()("Egypt backed Haftar."), id="d", date="2015-05-01")
    assert built.dates[-1] == dt.date(2015, 5, 1)
    assert str(built.edges_df(freq="M").period.max()) == "2015-05"
    undated = actorgraph.Corpus.from_docs(corpus.docs)
    assert undated.dates is None
    undated.add(corpus.docs[0], date="2015-01-01")
    assert undated.dates == [None, None, None, dt.date(2015, 1, 1)]


def test_dates_from_a_pandas_column_with_gaps():
    texts = ["Egypt backed the UAE.", "Qatar met the UAE.", "Egypt left."]
    dates = pd.Series(pd.to_datetime(["2015-03-01", None, "2015-04-01"]))
    corpus = actorgraph.Pipeline(model=None).analyze(texts, dates=dates)
    assert corpus.dates == [pd.Timestamp("2015-03-01"), None, pd.Timestamp("2015-04-01")]
    assert corpus.edges_df(freq="M")["period"].astype(str).tolist() == ["2015-03"]
    assert pd.isna(corpus.mentions_df().date).tolist() == [False, False, True, True, False]


@pytest.mark.parametrize(
    "table", ["mentions_df", "entities_df", "relations_df", "edges_df", "edges_df_monthly"]
)
def test_tables_round_trip_through_parquet_and_arrow(corpus, table, tmp_path):
    pa = pytest.importorskip("pyarrow", reason="parquet and Arrow need pyarrow")
    frame = corpus.edges_df(freq="M") if table == "edges_df_monthly" else getattr(corpus, table)()
    assert len(frame) > 0
    path = tmp_path / f"{table}.parquet"
    frame.to_parquet(path)
    back = pd.read_parquet(path)
    assert dtypes(back) == dtypes(frame)
    pd.testing.assert_frame_equal(back, frame)
    # Arrow types follow the documented dtypes: no object columns of mixed content.
    schema = pa.Table.from_pandas(frame).schema
    arrow = {name: str(schema.field(name).type) for name in frame.columns}
    for column, kind in dtypes(frame).items():
        if kind == "int64" or kind == "Int64":
            assert arrow[column] == "int64", column
        elif kind == "float64":
            assert arrow[column] == "double", column
        elif kind == "bool":
            assert arrow[column] == "bool", column
        elif kind == "string":
            assert arrow[column] in ("string", "large_string"), column
        elif kind == "datetime64[ns]":
            assert arrow[column] == "timestamp[ns]", column


class _Stream:
    """Only the Arrow PyCapsule stream method, so a consumer must go through it."""

    def __init__(self, table):
        self._table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self._table.__arrow_c_stream__(requested_schema)


@pytest.mark.parametrize("table", ["mentions", "entities", "relations", "edges"])
def test_arrow_tables_cross_the_pycapsule_without_a_copy(corpus, table):
    pa = pytest.importorskip("pyarrow", reason="Arrow needs pyarrow")
    arrow = corpus.to_arrow(table)
    frame = getattr(corpus, f"{table}_df")()
    assert arrow.num_rows == len(frame) > 0
    assert arrow.column_names == list(frame.columns)
    taken = pa.table(_Stream(arrow))
    assert taken.equals(arrow)
    # Same memory: the consumer got the producer's buffers, not copies.
    for name in arrow.column_names:
        ours = [b.address for c in arrow.column(name).chunks for b in c.buffers() if b]
        theirs = [b.address for c in taken.column(name).chunks for b in c.buffers() if b]
        assert ours == theirs, name


def test_arrow_edges_per_period_and_bad_names(corpus):
    pytest.importorskip("pyarrow", reason="Arrow needs pyarrow")
    monthly = corpus.to_arrow("edges", freq="M")
    assert monthly.num_rows == len(corpus.edges_df(freq="M"))
    with pytest.raises(ValueError, match="table must be one of"):
        corpus.to_arrow("pairs")
    with pytest.raises(TypeError, match="takes no options"):
        corpus.to_arrow("mentions", freq="M")


def test_polars_takes_the_arrow_table_without_a_copy(corpus):
    pytest.importorskip("pyarrow", reason="Arrow needs pyarrow")
    pl = pytest.importorskip("polars", reason="needs polars")
    arrow = corpus.to_arrow("mentions")
    frame = pl.from_arrow(arrow)
    assert frame.columns == arrow.column_names and frame.height == arrow.num_rows
    ours = arrow.column("start").chunk(0).buffers()[1].address
    assert frame["start"].to_arrow().buffers()[1].address == ours
