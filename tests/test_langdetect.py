"""Language detection on short hand-written paragraphs in the project languages (ontology/lang/)."""
from __future__ import annotations

import time

import pytest

from newskg.extract.errors import UnknownChoice
from newskg.extract.langdetect import DEFAULT_LANGUAGES, detect_document, detect_language, detector_for, sample
from newskg.extract.model import Document

PARAGRAPHS = {
    "vi": "Thủ tướng đã có cuộc gặp với đại sứ Nhật Bản tại Hà Nội vào sáng nay. "
          "Hai bên nhất trí tăng cường hợp tác kinh tế.",
    "en": "The prime minister met the Japanese ambassador in the capital this morning. "
          "Both sides agreed to deepen economic cooperation.",
    "fr": "Le Premier ministre a rencontré l'ambassadeur du Japon ce matin dans la capitale. "
          "Les deux parties ont convenu de renforcer leur coopération.",
    "es": "El primer ministro se reunió esta mañana con el embajador de Japón en la capital. "
          "Ambas partes acordaron reforzar la cooperación económica.",
    "pt": "O primeiro-ministro reuniu-se esta manhã com o embaixador do Japão na capital. "
          "As duas partes concordaram em reforçar a cooperação económica.",
    "ru": "Премьер-министр встретился сегодня утром с послом Японии в столице. "
          "Стороны договорились укрепить экономическое сотрудничество.",
    "de": "Der Ministerpräsident hat sich heute Morgen in der Hauptstadt mit dem japanischen "
          "Botschafter getroffen. Beide Seiten vereinbarten eine engere Zusammenarbeit.",
    "it": "Il primo ministro ha incontrato stamattina nella capitale l'ambasciatore del Giappone. "
          "Le due parti hanno concordato di rafforzare la cooperazione economica.",
}
SHORT = {
    "vi": "Hai nước ký hiệp định thương mại mới.",
    "en": "The two countries signed a new trade deal.",
    "fr": "Les deux pays ont signé un nouvel accord.",
    "es": "Los dos países firmaron un nuevo acuerdo.",
    "pt": "Os dois países assinaram um novo acordo.",
    "ru": "Две страны подписали новое соглашение.",
    "de": "Die beiden Länder unterzeichneten ein Abkommen.",
    "it": "I due Paesi hanno firmato un nuovo accordo commerciale.",
}


@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_paragraph_language(lang):
    assert detect_language(PARAGRAPHS[lang]) == lang


@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_single_sentence_language(lang):
    assert detect_language(SHORT[lang]) == lang


@pytest.mark.parametrize("text", ["", "   ", "Cuba", "Putin, Diaz-Canel", "2018-11-02 10:30", "• • •"])
def test_too_short_or_no_words_is_none(text):
    assert detect_language(text) is None


def test_navigation_lines_are_ignored():
    nav = "\n".join(["• Home", "• World", "News > Europe > France", "https://example.org/fr",
                     "Share on Facebook | Twitter", "Login"] * 20)
    text = nav + "\n" + PARAGRAPHS["fr"]
    assert sample(text).strip() == PARAGRAPHS["fr"]
    assert detect_language(text) == "fr"


def test_only_requested_languages_are_considered():
    # Spanish text, but the caller only allows Portuguese and English: the closest allowed wins
    assert detect_language(PARAGRAPHS["es"], ["pt", "en"]) == "pt"
    assert detect_language(PARAGRAPHS["vi"], ["vi"]) == "vi"


def test_unknown_language_code_lists_options():
    with pytest.raises(UnknownChoice) as info:
        detect_language(PARAGRAPHS["en"], ["en", "xx"])
    assert info.value.value == "xx" and "vi" in info.value.options and "en" in info.value.options


def test_detector_cached_per_language_set_and_fast():
    start = time.perf_counter()
    first = detector_for(DEFAULT_LANGUAGES)
    build = time.perf_counter() - start
    assert build < 5  # about 1-2 s with all seven models preloaded; 0 when already built
    assert detector_for(list(reversed(DEFAULT_LANGUAGES))) is first
    start = time.perf_counter()
    for text in PARAGRAPHS.values():
        detect_language(text * 10)
    assert (time.perf_counter() - start) / len(PARAGRAPHS) < 0.1


def test_detect_document_keeps_declared_language():
    declared = Document(id="d", text=PARAGRAPHS["de"], lang="fr")
    assert detect_document(declared).lang == "fr"
    assert detect_document(declared).meta["lang_source"] == "declared"
    found = detect_document(Document(id="e", text=PARAGRAPHS["ru"]))
    assert (found.lang, found.meta["lang_source"]) == ("ru", "detected")
    unknown = detect_document(Document(id="u", text="Cuba"))
    assert (unknown.lang, unknown.meta["lang_source"]) == (None, "unknown")
