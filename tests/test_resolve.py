"""Entity resolution: mentions of one entity share ``Mention.entity``."""

import bisect
from collections import Counter

import pytest

import actorgraph


@pytest.fixture(scope="module")
def rules():
    """Resolution without the tagger's guesses: gazetteer, patterns and name rules."""
    return actorgraph.Pipeline(model=None)


def by_text(doc):
    return {m.text: m for m in doc.entities}


def test_seed_countries_and_governments(seed_doc):
    m = by_text(seed_doc)
    # "UAE" is the United Arab Emirates; "U.S." and "the United States" are one country
    assert m["UAE"].entity == m["United Arab Emirates"].entity == "country:AE"
    assert m["U.S."].entity == m["the United States"].entity == "country:US"
    # ...and Washington stays apart from it
    assert m["Washington"].entity != m["U.S."].entity
    # a nationality points at its country
    assert m["Libyan"].country == "country:LY"
    index = seed_doc.entity_index()
    uae = index["country:AE"]
    assert (uae.name, uae.label, uae.mentions) == ("United Arab Emirates", "Location", 2)
    assert set(uae.aliases) == {"UAE", "United Arab Emirates"}
    assert sum(e.mentions for e in seed_doc.resolved) == len(seed_doc.entities)


@pytest.mark.parametrize("pipeline", ["rules", "nlp"])
def test_surnames_link_to_the_full_name(pipeline, request):
    nlp = request.getfixturevalue(pipeline)
    doc = nlp(
        "Khalifa Haftar met UN envoy Bernardino Leon in Tobruk. Haftar said Leon "
        "had promised talks, and Haftar's forces withdrew."
    )
    texts = [(m.text, m.entity) for m in doc.entities if "Haftar" in m.text or "Leon" in m.text]
    keys = {text: {k for t, k in texts if t == text} for text, _ in texts}
    assert keys["Haftar"] == keys["Khalifa Haftar"]
    assert keys["Leon"] == keys["Bernardino Leon"]
    assert keys["Haftar"] != keys["Leon"]
    (haftar,) = keys["Haftar"]
    assert doc.entity_index()[haftar].name == "Khalifa Haftar"


def test_acronym_and_expansion(nlp):
    doc = nlp(
        "The Libya Shield Force (LSF) moved south. Later the LSF and the "
        "Government of National Accord met; the GNA said little."
    )
    m = by_text(doc)
    assert m["LSF"].entity == m["Libya Shield Force"].entity
    assert m["GNA"].entity == m["the Government of National Accord"].entity
    assert doc.entity_index()[m["GNA"].entity].name == "Government of National Accord"
    assert m["GNA"].entity != m["LSF"].entity


def test_ambiguous_surname_stays_alone(rules):
    doc = rules("Bernardino Leon met Maria Leon in Rome. Leon left.")
    leon = [m for m in doc.entities if m.text == "Leon"]
    full = {m.entity for m in doc.entities if m.text.endswith(" Leon")}
    assert len(leon) == 1 and len(full) == 2
    assert leon[0].entity not in full


def test_possessor_is_an_attribute():
    forces = {"alias": "Haftar's forces", "label": "Organisation", "id": "lna"}
    nlp = actorgraph.Pipeline(model=None, gazetteer=[forces])
    doc = nlp("Khalifa Haftar spoke. Haftar's forces took Benghazi.")
    m = by_text(doc)
    # the forces keep their own span, label and entity, tied to Haftar
    assert (m["Haftar's forces"].label, m["Haftar's forces"].entity) == ("Organisation", "lna")
    assert m["Haftar's forces"].owner == m["Khalifa Haftar"].entity
    assert m["Khalifa Haftar"].owner is None


def test_corpus_merges_across_documents():
    nlp = actorgraph.Pipeline(model=None)
    corpus = nlp.analyze(
        [
            "Khalifa Haftar met officials in Cairo. Haftar left.",
            "In Tobruk, Khalifa Haftar spoke to the UAE.",
            "The United Arab Emirates backed Haftar.",
        ]
    )
    index = corpus.entity_index()
    haftar = [e for e in index.values() if e.name == "Khalifa Haftar"]
    # The third text's bare "Haftar" joins him: he is the corpus's only Haftar.
    assert len(haftar) == 1 and haftar[0].documents == 3 and haftar[0].mentions == 4
    assert not any(k.startswith("Person:haftar") for k in index)
    assert index["country:AE"].documents == 2
    assert set(index["country:AE"].aliases) == {"UAE", "United Arab Emirates"}


def test_entity_keys_on_non_ascii_text(rules):
    doc = rules("«Khalifa Haftar» rencontre l'émir à Zürich. Haftar part.")
    keys = {m.text: m.entity for m in doc.entities}
    assert keys.get("Haftar") == keys.get("Khalifa Haftar") is not None


def recount(doc):
    """Each entity's mention count, sentence count and aliases, from the mentions."""
    starts = [s for s, _ in doc.sentences]
    found = {}
    for m in doc.entities:
        mentions, sentences, forms = found.setdefault(m.entity, (0, set(), Counter()))
        sentences.add(bisect.bisect_right(starts, m.start) - 1)
        forms[m.text] += 1
        found[m.entity] = (mentions + 1, sentences, forms)
    return {
        key: (n, len(sentences), tuple(sorted(forms, key=lambda a: (-forms[a], a))))
        for key, (n, sentences, forms) in found.items()
    }


def test_entity_summaries_match_the_mentions(nlp, seed_doc):
    """Counts and aliases come from Rust; they must agree with the mentions, on
    non-ASCII text too (aliases sorted by code point)."""
    docs = [
        seed_doc,
        nlp("«Khalifa Haftar» à Zürich. Haftar part. Ölmez met Haftar; Zürich, Ölmez and Öcalan."),
    ]
    for doc in docs:
        summaries = {e.key: (e.mentions, e.sentences, e.aliases) for e in doc.resolved}
        assert summaries == recount(doc)
        assert all(e.documents == 1 for e in doc.resolved)


def test_bare_names_stay_apart_across_documents_without_strong_evidence():
    nlp = actorgraph.Pipeline(model=None)
    texts = ["Leon met officials in Cairo.", "In Tobruk, Leon spoke."]
    index = nlp.analyze(texts).entity_index()
    leons = sorted(k for k in index if k.startswith("Person:leon"))
    assert leons == ["Person:leon#0", "Person:leon#1"]
    assert {index[k].name for k in leons} == {"Leon"}
    # Two Leons in the corpus: the bare one could be either, so it stays apart.
    texts += ["Bernardino Leon met Maria Leon."]
    index = nlp.analyze(texts).entity_index()
    assert {"Person:leon#0", "Person:leon#1", "Person:bernardino leon"} <= set(index)
    # One Leon: every bare Leon is him, and the pair counts follow.
    corpus = nlp.analyze([*texts[:2], "Bernardino Leon arrived in Cairo."])
    index = corpus.entity_index()
    assert not any(k.startswith("Person:leon") for k in index)
    assert index["Person:bernardino leon"].documents == 3
    # ...unless the analyst said they are not the same
    split = actorgraph.Pipeline(
        model=None, do_not_merge=[("Person:leon", "Person:bernardino leon")]
    )
    kept = split.analyze([*texts[:2], "Bernardino Leon arrived in Cairo."])
    assert {"Person:leon#0", "Person:leon#1"} <= set(kept.entity_index())
    rebuilt = actorgraph.Corpus.from_docs(
        kept.docs, do_not_merge=[("Person:bernardino leon", "Person:leon")]
    )
    assert rebuilt.entities() == kept.entities()
    (cairo,) = (k for k, e in index.items() if e.name == "Cairo")
    edges = [e for e in corpus.edges() if {e.source, e.target} == {"Person:bernardino leon", cairo}]
    assert [(e.count, e.documents) for e in edges] == [(2, 2)]


def test_linking_bare_names_commutes_with_merging_partitions():
    nlp = actorgraph.Pipeline(model=None)
    texts = [
        "Leon met officials in Cairo.",
        "Bernardino Leon arrived in Cairo.",
        "Leon and Haftar spoke.",
        "Khalifa Haftar left Cairo.",
    ]
    whole = nlp.analyze(texts)
    # batch_size=1 counts each document apart and merges the counts.
    parts = nlp.analyze(texts, batch_size=1)
    assert parts.stats.entities() == whole.stats.entities()
    assert parts.stats.pairs() == whole.stats.pairs()
    assert "Person:leon#0" not in whole.entity_index()


TEXTS = [
    "Khalifa Haftar met Bernardino Leon. Leon and Haftar spoke.",
    "Leon met the UAE.",
    "Maria Leon left.",
]


def test_alias_table_round_trip():
    pytest.importorskip("pandas")
    nlp = actorgraph.Pipeline()
    table = nlp.analyze(TEXTS).alias_table()
    assert list(table.columns) == ["alias", "label", "entity", "name", "mentions", "documents"]
    rows = {(r.alias, r.entity) for r in table.itertuples()}
    assert ("Haftar", "Person:khalifa haftar") in rows
    assert ("UAE", "country:AE") in rows
    # the bare "Leon" of the second text could be either Leon: kept apart
    assert {("Leon", "Person:bernardino leon"), ("Leon", "Person:leon#1")} <= rows
    # Fed back unedited, the ambiguous "Leon" is left to resolution, with a warning.
    with pytest.warns(UserWarning, match="'Leon'"):
        again = actorgraph.Pipeline(aliases=table).analyze(TEXTS).alias_table()
    assert {(r.alias, r.entity) for r in again.itertuples()} == rows
    # Edited: every "Leon" is Bernardino Leon.
    table.loc[table.alias == "Leon", "entity"] = "Person:bernardino leon"
    edited = actorgraph.Pipeline(aliases=table)
    assert {m.entity for m in edited(TEXTS[1]).entities if m.text == "Leon"} == {
        "Person:bernardino leon"
    }


def test_add_aliases_overrides_and_survives_pickling():
    import pickle

    nlp = actorgraph.Pipeline(model=None)
    assert nlp("The Field Marshal left.").entities == []
    nlp.add_aliases(
        [{"alias": "Field Marshal", "label": "Person", "entity": "Person:khalifa haftar"}]
    )
    (m,) = nlp("The Field Marshal left.").entities
    assert (m.entity, m.label) == ("Person:khalifa haftar", "Person")
    clone = pickle.loads(pickle.dumps(nlp))
    assert clone("The Field Marshal left.") == nlp("The Field Marshal left.")


def test_do_not_merge(rules):
    text = "Bernardino Leon arrived. Leon spoke."
    assert len({m.entity for m in rules(text).entities}) == 1
    split = actorgraph.Pipeline(
        model=None, do_not_merge=[("Person:leon", "Person:bernardino leon")]
    )
    assert [m.entity for m in split(text).entities] == ["Person:bernardino leon", "Person:leon"]
    with pytest.raises(ValueError, match="pairs of entity keys"):
        actorgraph.Pipeline(do_not_merge=["Person:leon"])


def test_corpus_from_docs_matches_analyze(seed_text):
    import pickle

    nlp = actorgraph.Pipeline()
    texts = [*TEXTS, seed_text, "", "Egypt and the UAE backed Khalifa Haftar."]
    analysed = nlp.analyze(texts)
    docs = pickle.loads(pickle.dumps(list(nlp.pipe(texts))))
    built = actorgraph.Corpus.from_docs(docs)
    assert built.entities() == analysed.entities()
    assert built.edges() == analysed.edges()
    assert (built.stats.documents, built.stats.sentences) == (len(texts), analysed.stats.sentences)
    # adding one more document updates everything at once
    built.add(nlp("Khalifa Haftar flew to Cairo."), id="extra")
    assert built.entity_index()["Person:khalifa haftar"].documents == 3
    assert built.ids[-1] == "extra"
    with pytest.raises(TypeError, match=r"actorgraph\.Doc"):
        built.add("Khalifa Haftar")
    with pytest.raises(ValueError, match="2 documents but 1 ids"):
        actorgraph.Corpus.from_docs(docs[:2], ids=["a"])
