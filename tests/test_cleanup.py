"""clean(): NFC, boilerplate rules from ontology/lang, line repair, and the offset map."""
from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskg.extract.boilerplate import parse_rules, rules_for
from newskg.extract.cleanup import clean
from newskg.extract.errors import UsageError
from newskg.extract.model import DateValue, Document
from newskg.extract.readers import read_inputs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _source_cluster(text: str, at: int) -> str:
    """The character at ``at`` with the combining marks that follow it."""
    end = at + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return text[at:end]


def _check_map(doc: Document) -> None:
    """Every cleaned character points at the original character it came from.

    A composed character points at the first character it was composed from, so a letter or
    mark of the cleaned text must be found in the (decomposed) cluster starting there.
    """
    assert len(doc.offset_map) == len(doc.text)
    for i, ch in enumerate(doc.text):
        at = doc.to_original(i)
        if ch.isspace():
            assert doc.original[at].isspace()
        else:
            source = unicodedata.normalize("NFD", _source_cluster(doc.original, at))
            assert unicodedata.normalize("NFD", ch)[0] in source


VI_PAGE = """• facebook
• twitter
• zalo
Trang chủ > Thế giới > Châu Âu

Thủ tướng Việt Nam tiếp Đại sứ Pháp tại Hà Nội

Chiều 5/3, tại trụ sở Chính phủ, Thủ tướng đã tiếp Đại sứ Pháp tại Việt Nam. (Ảnh: TTXVN)

Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và giáo dục trong thời gian tới./.

Mời bạn đọc theo dõi tin tức mới nhất trên ứng dụng của chúng tôi
Chia sẻ

Tin liên quan

Thủ tướng tiếp Đại sứ Đức
Bộ trưởng Ngoại giao thăm Pháp
"""
VI_CLEAN = """Thủ tướng Việt Nam tiếp Đại sứ Pháp tại Hà Nội

Chiều 5/3, tại trụ sở Chính phủ, Thủ tướng đã tiếp Đại sứ Pháp tại Việt Nam.

Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và giáo dục trong thời gian tới."""

EN_PAGE = """  • Live
  • Share on Facebook
Home » World » Europe

Minister visits Berlin for energy talks

Published 12 March 2024

The foreign minister arrived in Berlin on Tuesday for talks on gas supplies. | Photo: Reuters

Officials said the minister had posted a statement on Facebook before the meeting.

Advertisement

The two governments are expected to sign an agreement on Wednesday.
Follow us on Twitter
Post with no comments.

Read more

Minister to visit Paris next month
Energy prices fall again
"""
EN_CLEAN = """Minister visits Berlin for energy talks

The foreign minister arrived in Berlin on Tuesday for talks on gas supplies.

Officials said the minister had posted a statement on Facebook before the meeting.

The two governments are expected to sign an agreement on Wednesday."""


@pytest.mark.parametrize("lang, page, expected", [
    ("vi", VI_PAGE, VI_CLEAN), (None, VI_PAGE, VI_CLEAN),
    ("en", EN_PAGE, EN_CLEAN), (None, EN_PAGE, EN_CLEAN),
])
def test_hand_written_page_boilerplate_removed(lang, page, expected):
    doc = clean(Document(id="p", text=page, lang=lang))
    assert doc.text == expected
    assert doc.original == page
    _check_map(doc)


BODY = ("Der Präsident traf am Dienstag den Regierungschef in der Hauptstadt. Beide sprachen über "
        "Handel, Energie und die Lage in der Region. Eine gemeinsame Erklärung wurde unterzeichnet.")


@pytest.mark.parametrize("lang, marker", [
    ("en", "Related news"), ("en", "Read more:"), ("vi", "Tin liên quan"), ("vi", "Xem thêm"),
    ("fr", "Lire aussi"), ("fr", "À lire aussi :"), ("es", "Noticias relacionadas"),
    ("es", "Lea también"), ("pt", "Leia também"), ("pt", "Notícias relacionadas"),
    ("ru", "Читайте также"), ("ru", "Новости по теме"), ("de", "Lesen Sie auch"),
    ("de", "Mehr zum Thema"),
])
def test_related_news_marker_drops_the_rest(lang, marker):
    text = f"{BODY}\n\n{marker}\n\nAnother headline here\nYet another story teaser."
    doc = clean(Document(id="m", text=text, lang=lang))
    assert doc.text == BODY
    assert doc.meta["cleanup"]["dropped_after"] == marker.rstrip(" :")


def test_marker_before_any_text_only_blanks_its_line():
    doc = clean(Document(id="m", text=f"Read more\n\n{BODY}", lang="en"))
    assert doc.text == BODY


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The minister said on Facebook that the talks had been useful."),
    ("en", "Twitter was blocked in the country last year, officials said."),
    ("en", "Read more about the agreement in the official statement, he added."),
    ("vi", "Ông cho biết sẽ chia sẻ thông tin trên Facebook vào ngày mai."),
    ("fr", "Le ministre a publié un message sur Facebook pour annoncer la visite."),
    ("ru", "Министр написал в Telegram, что переговоры прошли успешно."),
])
def test_sentences_mentioning_boilerplate_words_stay(lang, sentence):
    assert clean(Document(id="s", text=sentence, lang=lang)).text == sentence


ARTICLE = {
    "vi": "Thủ tướng đã có cuộc gặp với đại sứ Nhật Bản tại Hà Nội vào sáng nay.\n\n"
          "Hai bên nhất trí tăng cường hợp tác kinh tế, ông cho biết trên trang Facebook cá nhân.",
    "en": "The prime minister met the Japanese ambassador in the capital this morning.\n\n"
          "Live coverage of the talks was shown on state television, officials said.",
    "fr": "Le Premier ministre a rencontré l'ambassadeur du Japon ce matin.\n\n"
          "À lire aussi dans la presse : les deux parties ont convenu de renforcer leur coopération.",
    "es": "El primer ministro se reunió esta mañana con el embajador de Japón en la capital.\n\n"
          "Ambas partes acordaron reforzar la cooperación, según publicó el diario en vivo.",
    "pt": "O primeiro-ministro reuniu-se esta manhã com o embaixador do Japão.\n\n"
          "Leia também a declaração conjunta, disse o porta-voz aos jornalistas.",
    "ru": "Премьер-министр встретился сегодня утром с послом Японии в столице.\n\n"
          "Читайте также заявление МИД, сказал представитель правительства.",
    "de": "Der Ministerpräsident hat sich heute Morgen mit dem japanischen Botschafter getroffen.\n\n"
          "Lesen Sie auch die gemeinsame Erklärung, sagte der Sprecher am Dienstag.",
}


@pytest.mark.parametrize("lang", sorted(ARTICLE))
@pytest.mark.parametrize("declared", [True, False])
def test_plain_article_is_unchanged(lang, declared):
    text = ARTICLE[lang]
    doc = clean(Document(id="a", text=text, lang=lang if declared else None))
    assert doc.text == text
    assert doc.offset_map == list(range(len(text)))


def test_language_rules_are_selected_by_doc_lang():
    text = f"{BODY}\n\nTin liên quan\n\nMore text follows here."
    assert "Tin liên quan" in clean(Document(id="l", text=text, lang="de")).text
    assert "Tin liên quan" not in clean(Document(id="l", text=text, lang=None)).text


@pytest.mark.parametrize("text, expected", [
    ("The agree-\nment was signed.", "The agreement was signed."),
    ("Diaz-\nCanel met Putin.", "Diaz-\nCanel met Putin."),   # capital after: hyphen is real
    ("The minister said\nthat talks went well.", "The minister said that talks went well."),
    ("First paragraph ends here.\nSecond one starts.", "First paragraph ends here.\nSecond one starts."),
    ("One.\n\n\n\n\nTwo.", "One.\n\nTwo."),
    ("  Spaces\u00a0 and\ttabs  ", "Spaces and tabs"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
])
def test_line_and_space_repair(text, expected):
    doc = clean(Document(id="r", text=text, lang="en"))
    assert doc.text == expected
    _check_map(doc)


def test_hard_wrapped_paragraphs_joined_paragraph_breaks_kept():
    para1 = ("The delegation arrived in the capital on Monday evening and was met at the "
             "airport by the deputy foreign minister. Talks are planned for the rest of the "
             "week, covering trade, energy and transport links between the two countries.")
    para2 = ("Officials expect several agreements to be signed before the visit ends. A joint "
             "press conference is scheduled for Friday afternoon at the presidential palace.")

    def wrap(p: str, width: int = 60) -> str:
        lines, line = [], ""
        for word in p.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join(lines + [line])

    doc = clean(Document(id="w", text=wrap(para1) + "\n\n" + wrap(para2), lang="en"))
    assert doc.text == para1 + "\n\n" + para2
    _check_map(doc)


def test_nfc_maps_composed_character_to_first_source_character():
    decomposed = unicodedata.normalize("NFD", "Thủ tướng Việt Nam")
    doc = clean(Document(id="n", text=decomposed))
    assert doc.text == "Thủ tướng Việt Nam"
    u = doc.text.index("ủ")
    assert doc.original[doc.to_original(u)] == "u"
    assert doc.original[doc.to_original(u) + 1] == "\u0309"
    assert doc.to_original(len(doc.text) - 1) == len(decomposed) - 1


def test_clean_twice_still_maps_to_original():
    once = clean(Document(id="t", text=unicodedata.normalize("NFD", VI_PAGE), lang="vi"))
    twice = clean(once)
    assert twice.text == once.text == VI_CLEAN
    _check_map(twice)


ALPHABET = st.sampled_from(list("aeiouyđĐ ,.-\n\t") + ["\u0301", "\u0309", "\u0323", "\u0302", "\u00a0",
                                                        "ế", "Ặ", "é", "ü", "ж", "Ё"])
PIECES = st.sampled_from(["• facebook\n", "Tin liên quan\n", "(Ảnh: AP)", "Read more\n", "infor-\nmation ",
                          "\n\n", "Post with no comments.\n", "News > Cuba\n", "Nga và Cuba. "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=12), PIECES, st.text(max_size=6)), max_size=30))
def test_offset_map_points_at_the_source_character(parts):
    text = "".join(parts)
    for lang in (None, "vi", "en"):
        doc = clean(Document(id="h", text=text, lang=lang))
        _check_map(doc)
        assert all(0 <= o < len(text) for o in doc.offset_map)
        assert unicodedata.is_normalized("NFC", doc.text)


def test_long_single_line_is_fast():
    text = ("Ông Putin nói rằng quan hệ hai nước rất tốt (Ảnh: AP " * 100_000)
    start = time.perf_counter()
    doc = clean(Document(id="big", text=text, lang="vi"))
    assert time.perf_counter() - start < 20
    assert len(doc.text) == len(text.strip())


@pytest.mark.parametrize("line, message", [
    ("nonsense\tfoo", "kind one of line, block_start, inline"),
    ("line\t(unclosed", "bad regular expression"),
    ("line only", "kind<TAB>pattern"),
])
def test_bad_rule_file_names_file_and_line(line, message):
    with pytest.raises(UsageError, match=re.escape(message)) as info:
        parse_rules(f"# comment\n\n{line}\n", "rules.tsv")
    assert "rules.tsv:3" in str(info.value)


def test_every_language_has_rules():
    for lang in ("en", "vi", "fr", "es", "pt", "ru", "de"):
        rules = rules_for(lang)
        assert rules.line and rules.block_start and rules.inline


SEED_BOILERPLATE = ["Mời quý độc giả theo dõi VOV.VN trên", "Tin liên quan", "• facebook", "• twitter",
                    "• google plus", "• Live", "• Audio Only", "Post with no comments.", "All news",
                    "News > Cuba", "(Ảnh: AP)", "| Photo:", "Published 9 May 2024"]


def test_seeds_read_and_cleaned():
    docs, errors = read_inputs([SEEDS])
    assert errors == []
    assert len(docs) == 5
    dates = {d.id[:3]: d.published for d in docs}
    assert dates == {"000": DateValue("2018-11-02", "day"), "001": DateValue("2018-11-02", "day"),
                     "002": DateValue("2022-01-25", "day"), "003": DateValue("2023-07", "month"),
                     "004": DateValue("2024-05-09", "day")}
    for doc in docs:
        cleaned = clean(doc)
        _check_map(cleaned)
        for junk in SEED_BOILERPLATE:
            assert junk not in cleaned.text
        body = doc.original.replace("\u00a0", " ").split("\nTin liên quan\n")[0]
        for line in body.split("\n"):
            line = re.sub(r"\s*(\(Ảnh: [^)]*\)|\| Photo:.*)$", "", line.strip().lstrip("• "))
            line = line.removesuffix("/.")
            if line.endswith((".", '"', "”")) and line not in SEED_BOILERPLATE:
                assert line in cleaned.text  # every article sentence is kept
    related = next(clean(d) for d in docs if d.id.startswith("001"))
    assert related.meta["cleanup"]["dropped_after"] == "Tin liên quan"
    assert "Nhà Trắng mời Tổng thống Nga Putin tới Washington" not in related.text
