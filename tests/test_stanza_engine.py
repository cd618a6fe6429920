"""The Stanza engine, run for real offline on tiny models trained by tests/fixtures/stanza/build_models.py.

The tiny models find poor entities; these tests check the code path: offsets, types, sentence
boundaries and dependency heads equal what Stanza itself returned for the same text.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newskg.extract.engines.labels import ontology_type
from newskg.extract.engines.stanza_engine import SPACE_BEFORE_PUNCT_LANGS, StanzaEngine, space_punctuation
from newskg.extract.engines.stanza_setup import default_resources_dir, read_model_paths
from newskg.extract.errors import EngineUnavailable, InputError
from newskg.extract.model import Annotation, Document

FIXTURES = Path(__file__).parent / "fixtures" / "stanza"
MODELS = FIXTURES / "models"
MODELS_JSON = MODELS / "models.json"

TEXTS = {
    "en": "Priya Raman visited Ashford on Monday. Eastgate Press reported strong sales last year. "
          "Heavy rain hit Port Ellis and nearby towns.",
    # punctuation already spaced, so the issue-1504 workaround leaves the text as it is
    "vi": "Bà Đỗ Mai Linh đã thăm Cần Thơ vào thứ Hai . Tập đoàn Ánh Dương mở văn phòng mới tại Huế năm ngoái .",
}
OTHER_TEXTS = {
    "en": "Amara Bello arrived in Chile on Tuesday for talks with Jonas Lindqvist.",
    "vi": "Ông Vũ Thanh Sơn đến Hải Phòng để hội đàm với bà Trần Thị Lan .",
}


@pytest.fixture(scope="module")
def engine() -> StanzaEngine:
    return StanzaEngine(resources_dir=str(MODELS), model_paths=read_model_paths(MODELS_JSON), use_gpu=False)


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSKG_STANZA_MODELS", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)


def annotate_one(engine: StanzaEngine, lang: str, text: str) -> Annotation:
    (annotation,) = engine.annotate([Document(id=f"{lang}-doc", text=text, lang=lang)])
    return annotation


def expected_from_stanza(engine: StanzaEngine, lang: str, text: str) -> tuple[list, list, list]:
    """Sentences, tokens and kept entities as Stanza's own pipeline returns them for ``text``."""
    sdoc = engine.pipeline(lang)(text)
    sentences = [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in sdoc.sentences]
    tokens = [[(t.start_char, t.end_char, t.text, w.upos, (w.head - 1) if w.head else None, w.deprel)
               for t in s.tokens for w in t.words] for s in sdoc.sentences]
    ents = [(e.start_char, e.end_char, e.text, ontology_type(e.type), e.type)
            for e in sdoc.ents if ontology_type(e.type)]
    return sentences, tokens, ents


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_annotation_equals_stanza_output(engine: StanzaEngine, lang: str) -> None:
    text = TEXTS[lang]
    if lang in SPACE_BEFORE_PUNCT_LANGS:
        assert space_punctuation(text)[0] == text
    annotation = annotate_one(engine, lang, text)
    sentences, tokens, ents = expected_from_stanza(engine, lang, text)

    assert annotation.engine == "stanza"
    assert [(s.start, s.end) for s in annotation.sentences] == sentences
    assert len(sentences) == 2 if lang == "vi" else 3
    assert [[(t.start, t.end, t.text, t.pos, t.head, t.deprel) for t in s.tokens]
            for s in annotation.sentences] == tokens
    for sentence in annotation.sentences:
        for token in sentence.tokens:
            assert text[token.start:token.end] == token.text
            assert token.head is None or 0 <= token.head < len(sentence.tokens)
        assert sum(t.deprel == "root" for t in sentence.tokens) >= 1
    assert [(m.start, m.end, text[m.start:m.end], m.type, m.label) for m in annotation.mentions] == ents
    assert ents, "the tiny model finds at least one entity in these sentences"
    assert all(m.engine == "stanza" and m.type in {"Person", "Organization", "Place"} for m in annotation.mentions)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Officials in Ashford welcomed the River Cup. Sofia Delgado won the Harvest Festival in Kenya."),
    ("vi", "Người dân ở Huế chào đón Giải Sông Xanh ."),
])
def test_entities_of_unkept_types_are_dropped(engine: StanzaEngine, lang: str, text: str) -> None:
    stanza_ents = engine.pipeline(lang)(text).ents
    dropped = [(e.start_char, e.end_char) for e in stanza_ents if ontology_type(e.type) is None]
    assert dropped, "Stanza tags the event names MISC"
    mentions = annotate_one(engine, lang, text).mentions
    assert {(m.start, m.end) for m in mentions}.isdisjoint(dropped)
    assert len(mentions) == len(stanza_ents) - len(dropped)


def test_vietnamese_multisyllable_tokens_keep_offsets(engine: StanzaEngine) -> None:
    text = TEXTS["vi"]
    tokens = [t for s in annotate_one(engine, "vi", text).sentences for t in s.tokens]
    multi = [t for t in tokens if " " in t.text]
    assert multi, "Vietnamese words of several syllables come out as one token"
    for token in multi:
        assert text[token.start:token.end] == token.text
    assert (text.index("Cần Thơ"), text.index("Cần Thơ") + len("Cần Thơ")) in {(t.start, t.end) for t in multi}


def test_glued_punctuation_keeps_offsets_in_vietnamese(engine: StanzaEngine) -> None:
    text = "Bộ Tài chính đã ký thỏa thuận với Ngân hàng Phương Nam tại Đà Nẵng, ông Lê Quang Hùng cho biết."
    annotation = annotate_one(engine, "vi", text)
    tokens = [t for s in annotation.sentences for t in s.tokens]
    assert tokens[-1].text == "." and "," in [t.text for t in tokens]
    for token in tokens:
        assert text[token.start:token.end] == token.text
    assert annotation.sentences[-1].end == len(text)
    for mention in annotation.mentions:
        assert text[mention.start:mention.end].strip() == text[mention.start:mention.end]
        assert not text[mention.start:mention.end].endswith((",", "."))


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("Hà Nội.", "Hà Nội ."),
        ("người Việt, vì sao", "người Việt , vì sao"),
        ("tăng 3.5% tại VOV.VN hôm qua.", "tăng 3.5% tại VOV.VN hôm qua ."),
        ("(ông Minh) nói: \"có\".", "(ông Minh ) nói : \"có \"."),
        ("", ""),
    ],
)
def test_space_punctuation_examples(text: str, spaced: str) -> None:
    assert space_punctuation(text)[0] == spaced


@given(st.text(alphabet=st.sampled_from(list("aăb9 .,;:!?)\"'\n")), max_size=40))
def test_space_punctuation_maps_back_to_the_original(text: str) -> None:
    spaced, index = space_punctuation(text)
    assert len(index) == len(spaced)
    inserted = {j for j in range(len(spaced) - 1) if index[j] == index[j + 1]}
    assert all(spaced[j] == " " for j in inserted)
    kept = [j for j in range(len(spaced)) if j not in inserted]
    assert [index[j] for j in kept] == list(range(len(text)))
    assert "".join(spaced[j] for j in kept) == text


def test_batch_of_two_languages_keeps_each_document(engine: StanzaEngine) -> None:
    docs = [Document(id=f"{lang}{i}", text=texts[lang], lang=lang)
            for i, texts in enumerate((TEXTS, OTHER_TEXTS)) for lang in ("en", "vi")]
    docs.insert(2, Document(id="empty", text="  \n", lang="vi"))
    batch = engine.annotate(docs)
    assert [a.doc.id for a in batch] == [d.id for d in docs]
    assert batch[2].sentences == [] and batch[2].mentions == []
    for doc, annotation in zip(docs, batch):
        if not doc.text.strip():
            continue
        alone = annotate_one(engine, doc.lang or "", doc.text)
        assert annotation.sentences == alone.sentences
        assert annotation.mentions == alone.mentions
        _, _, ents = expected_from_stanza(engine, doc.lang or "", doc.text)
        assert [doc.text[m.start:m.end] for m in annotation.mentions] == [e[2] for e in ents]


def test_provides_pos_and_deps_when_those_models_are_loaded() -> None:
    fresh = StanzaEngine(resources_dir=str(MODELS), model_paths=read_model_paths(MODELS_JSON), use_gpu=False)
    assert fresh.provides == StanzaEngine.provides == frozenset({"sentences", "tokens", "ner"})
    for lang in ("en", "vi"):
        assert fresh.provides_for(lang) == frozenset({"sentences", "tokens", "ner", "pos", "deps"})
    fresh.pipeline("vi")
    assert fresh.provides == frozenset({"sentences", "tokens", "ner", "pos", "deps"})
    assert StanzaEngine.provides == frozenset({"sentences", "tokens", "ner"})


@pytest.mark.parametrize("lang", ["vi", "en", "fr"])
def test_missing_model_raises_with_instructions(tmp_path: Path, no_env: None, lang: str) -> None:
    engine = StanzaEngine(resources_dir=str(tmp_path))
    assert engine.supports(lang) is False
    with pytest.raises(EngineUnavailable) as err:
        engine.require(lang)
    assert str(err.value) == (f"no Stanza model for {lang!r} in {tmp_path}: run `newskg models download {lang}` "
                              f"(needs internet) or set STANZA_RESOURCES_DIR")
    with pytest.raises(EngineUnavailable):
        engine.annotate([Document(id="d", text="Some text.", lang=lang)])


def test_stanza_not_installed_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "stanza", None)   # what an environment without stanza looks like
    engine = StanzaEngine(resources_dir=str(MODELS), model_paths=read_model_paths(MODELS_JSON))
    assert engine.supports("en") is False
    with pytest.raises(EngineUnavailable, match=r"^stanza is not installed: pip install torch==2\.13\.0 stanza$"):
        engine.require("en")


def test_document_without_language_is_an_input_error(engine: StanzaEngine) -> None:
    with pytest.raises(InputError, match="no language"):
        engine.annotate([Document(id="nolang", text="Mara Quillen visited Brookfield.")])


def test_missing_model_file_is_named(tmp_path: Path) -> None:
    paths = read_model_paths(MODELS_JSON)["en"] | {"ner_model_path": str(tmp_path / "gone.pt")}
    engine = StanzaEngine(resources_dir=str(tmp_path), model_paths={"en": paths})
    with pytest.raises(EngineUnavailable, match="ner_model_path for 'en' not found: .*gone.pt"):
        engine.require("en")


def test_models_json_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSKG_STANZA_MODELS", str(MODELS_JSON))
    monkeypatch.chdir(tmp_path)   # relative paths resolve against the JSON file, not the cwd
    engine = StanzaEngine(resources_dir=str(tmp_path))
    assert engine.supports("en") and engine.supports("vi") and not engine.supports("fr")
    assert engine.model_paths["vi"]["ner_model_path"] == str(MODELS / "vi" / "ner.pt")


def test_default_resources_dir_is_stanzas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    from stanza.resources.common import USER_CACHE_DIR

    assert default_resources_dir() == os.path.join(USER_CACHE_DIR, "resources")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert StanzaEngine().resources_dir == str(tmp_path)
    assert StanzaEngine(resources_dir="/elsewhere").resources_dir == "/elsewhere"


def install_like_stanza_download(target: Path, lang: str, lemma: str = "identity") -> None:
    """Lay the fixture models out as ``stanza.download`` does: resources.json + <lang>/<processor>/<pkg>.pt."""
    deps = [{"model": "pretrain", "package": "tinyvec"}]
    entry = {"lang_name": lang, "tokenize": {"tiny": {"md5": "0"}}, "pretrain": {"tinyvec": {"md5": "0"}},
             "pos": {"tiny": {"md5": "0", "dependencies": deps}},
             "depparse": {"tiny": {"md5": "0", "dependencies": deps}},
             "ner": {"tiny": {"md5": "0", "dependencies": deps}},
             "packages": {"default": {"tokenize": "tiny", "pos": "tiny", "lemma": lemma,
                                      "depparse": "tiny", "ner": "tiny"}}}
    (target / "resources.json").write_text(json.dumps({lang: entry, "url": "https://example.invalid"}))
    for processor in ("tokenize", "pos", "depparse", "ner"):
        (target / lang / processor).mkdir(parents=True)
        shutil.copy(MODELS / lang / f"{processor}.pt", target / lang / processor / "tiny.pt")
    (target / lang / "pretrain").mkdir()
    shutil.copy(MODELS / lang / "pretrain.pt", target / lang / "pretrain" / "tinyvec.pt")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_downloaded_resources_layout_is_found_and_run(tmp_path: Path, no_env: None, engine: StanzaEngine,
                                                       lang: str) -> None:
    install_like_stanza_download(tmp_path, lang)
    installed = StanzaEngine(resources_dir=str(tmp_path), use_gpu=False)
    assert installed.supports(lang) and not installed.supports("fr")
    assert installed.provides_for(lang) == frozenset({"sentences", "tokens", "ner", "pos", "deps"})
    text = TEXTS[lang]
    got = annotate_one(installed, lang, text)
    want = annotate_one(engine, lang, text)
    assert got.sentences == want.sentences and got.mentions == want.mentions

    (tmp_path / lang / "ner" / "tiny.pt").unlink()
    fresh = StanzaEngine(resources_dir=str(tmp_path))
    assert not fresh.supports(lang)
    with pytest.raises(EngineUnavailable, match=f"^no Stanza model for '{lang}' in "):
        fresh.require(lang)


def test_fixture_models_are_small() -> None:
    paths = json.loads(MODELS_JSON.read_text())
    assert set(paths) == {"en", "vi"}
    for lang, options in paths.items():
        for key, rel in options.items():
            assert (MODELS / rel).stat().st_size < 1_000_000, (lang, key)


@pytest.mark.slow
def test_build_script_rebuilds_working_models(tmp_path: Path) -> None:
    """The committed fixtures come from this script; rebuilding Vietnamese takes about 25 s on 2 cores."""
    run = subprocess.run([sys.executable, str(FIXTURES / "build_models.py"), str(tmp_path), "vi"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads((tmp_path / "models.json").read_text()) == {"vi": json.loads(MODELS_JSON.read_text())["vi"]}
    assert json.loads((tmp_path / "resources.json").read_text()) == {}
    rebuilt = StanzaEngine(resources_dir=str(tmp_path), model_paths=read_model_paths(tmp_path / "models.json"))
    assert rebuilt.provides_for("vi") == frozenset({"sentences", "tokens", "ner", "pos", "deps"})
    text = TEXTS["vi"]
    annotation = annotate_one(rebuilt, "vi", text)
    assert annotation.sentences and annotation.sentences[-1].end == len(text)
    for sentence in annotation.sentences:
        assert all(text[t.start:t.end] == t.text for t in sentence.tokens)
