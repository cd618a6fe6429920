"""The gazetteer data (ontology/gazetteer), its loader (newskg.ontology.gazetteer) and the title files."""
from __future__ import annotations

import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskg.ontology import gazetteer as G
from newskg.ontology.gazetteer import case_sensitive, load_gazetteer, load_titles, normalise

ROOT = Path(__file__).resolve().parents[1]
GAZ_DIR = ROOT / "ontology" / "gazetteer"
LANGS = ("en", "vi", "fr", "es", "pt", "ru", "de", "it")
TYPES = {"Person", "Country", "City", "Organization", "Place", "Award"}


@pytest.fixture(scope="module")
def gaz() -> G.Gazetteer:
    return load_gazetteer()


def raw_rows(name: str) -> tuple[list[str], list[list[str]]]:
    lines = (GAZ_DIR / name).read_text(encoding="utf-8").splitlines()
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:]]


# --- the files -------------------------------------------------------------------------------

def test_entities_file_has_unique_slug_keys_and_six_columns():
    header, rows = raw_rows("entities.tsv")
    assert header == ["key", "type", "name", "wikidata", "country", "stands_for"]
    assert all(len(r) == 6 for r in rows)
    keys = [r[0] for r in rows]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)


def test_every_type_is_an_ontology_class(gaz):
    assert {e.type for e in gaz.entries()} == TYPES


def test_country_and_stands_for_refer_to_existing_keys(gaz):
    for e in gaz.entries():
        if e.country:
            assert e.country in gaz, (e.key, e.country)
        if e.stands_for:
            assert gaz.entry(e.stands_for).type == "Country", (e.key, e.stands_for)


def test_wikidata_ids_are_well_formed_and_unique(gaz):
    ids = [e.wikidata for e in gaz.entries() if e.wikidata]
    assert all(re.fullmatch(r"Q\d+", q) for q in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("key, qid", [
    ("russia", "Q159"), ("cuba", "Q241"), ("united-states", "Q30"), ("vietnam", "Q881"),
    ("moscow", "Q649"), ("havana", "Q1563"), ("vladimir-putin", "Q7747"), ("nato", "Q7184"),
])
def test_well_known_wikidata_ids(gaz, key, qid):
    assert gaz.entry(key).wikidata == qid


def test_names_file_refers_to_entities_with_valid_kinds_and_languages(gaz):
    header, rows = raw_rows("names.tsv")
    assert header == ["key", "lang", "form", "kind"]
    for key, lang, form, kind in rows:
        assert key in gaz
        assert kind in G.KINDS
        assert re.fullmatch(r"[a-z]{2}|mul", lang), lang
        assert form == form.strip() and form


def test_committed_files_are_the_build_output():
    sys.path.insert(0, str(GAZ_DIR))
    try:
        import build
    finally:
        sys.path.remove(str(GAZ_DIR))
    assert build.main(["--check"]) == 0


def test_coverage(gaz):
    by_type: dict[str, int] = {}
    for e in gaz.entries():
        by_type[e.type] = by_type.get(e.type, 0) + 1
    assert by_type["Country"] >= 195
    assert by_type["City"] >= 150
    assert by_type["Person"] >= 120
    assert by_type["Organization"] >= 100


# --- countries, demonyms, capitals ----------------------------------------------------------

@pytest.mark.parametrize("lang, form, key", [
    ("en", "Russia", "russia"), ("vi", "Nga", "russia"), ("fr", "Russie", "russia"),
    ("es", "Rusia", "russia"), ("pt", "Rússia", "russia"), ("ru", "России", "russia"),
    ("de", "Russland", "russia"), ("de", "Russlands", "russia"),
    ("en", "U.S.", "united-states"), ("vi", "Mỹ", "united-states"), ("vi", "Hoa Kỳ", "united-states"),
    ("fr", "États-Unis", "united-states"), ("es", "EE. UU.", "united-states"), ("pt", "EUA", "united-states"),
    ("ru", "США", "united-states"), ("de", "Vereinigten Staaten", "united-states"),
    ("vi", "Trung Quốc", "china"), ("ru", "Китаем", "china"), ("vi", "Nhật Bản", "japan"),
    ("vi", "Hàn Quốc", "south-korea"), ("vi", "Triều Tiên", "north-korea"), ("vi", "Anh", "united-kingdom"),
    ("vi", "Pháp", "france"), ("vi", "Đức", "germany"), ("ru", "Кубе", "cuba"), ("de", "Kuba", "cuba"),
    ("pt", "Vietnã", "vietnam"), ("fr", "Viêt Nam", "vietnam"), ("en", "Czechia", "czech-republic"),
    ("vi", "Liên Xô", "soviet-union"), ("en", "USSR", "soviet-union"), ("de", "DDR", "east-germany"),
    ("ru", "Египта", "egypt"), ("en", "Burma", "myanmar"), ("en", "Congo-Kinshasa", "democratic-republic-of-the-congo"),
])
def test_country_names_resolve_in_each_language(gaz, lang, form, key):
    assert gaz.lookup(form, lang)[0][0] == key


@pytest.mark.parametrize("lang, form, key", [
    ("en", "Russian", "russia"), ("en", "Cubans", "cuba"), ("en", "Vietnamese", "vietnam"),
    ("vi", "người Nga", "russia"), ("vi", "người Mỹ", "united-states"), ("vi", "người Cuba", "cuba"),
    ("fr", "russe", "russia"), ("fr", "cubaine", "cuba"), ("fr", "américaines", "united-states"),
    ("es", "rusas", "russia"), ("es", "cubano", "cuba"), ("es", "estadounidense", "united-states"),
    ("pt", "russo", "russia"), ("pt", "cubanos", "cuba"), ("pt", "norte-americanos", "united-states"),
    ("ru", "российской", "russia"), ("ru", "кубинского", "cuba"), ("ru", "американских", "united-states"),
    ("de", "russischen", "russia"), ("de", "kubanische", "cuba"), ("de", "Amerikaner", "united-states"),
    ("it", "russa", "russia"), ("it", "tedeschi", "germany"), ("it", "statunitensi", "united-states"),
    ("it", "britannico", "united-kingdom"), ("it", "greche", "greece"),
])
def test_demonyms_mean_the_state(gaz, lang, form, key):
    assert gaz.lookup(form, lang)[0] == (key, "demonym")


@pytest.mark.parametrize("lang", LANGS)
def test_every_country_is_named_in_each_language(gaz, lang):
    latin = lang != "ru"
    missing = [e.key for e in gaz.entries() if e.type == "Country"
               if not any(l == lang or (latin and l == "mul") for _, l, k in gaz.names(e.key) if k == "name")]
    assert missing == []


def test_nearly_every_country_has_an_english_demonym(gaz):
    countries = [e.key for e in gaz.entries() if e.type == "Country"]
    with_demonym = [k for k in countries if any(l == "en" and kind == "demonym" for _, l, kind in gaz.names(k))]
    assert len(with_demonym) >= len(countries) - 5


@pytest.mark.parametrize("lang", ("vi", "fr", "es", "pt", "ru", "de"))
def test_newsworthy_countries_have_demonyms_in_each_language(gaz, lang):
    newsworthy = ("russia", "united-states", "china", "vietnam", "cuba", "united-kingdom", "france", "germany",
                  "japan", "south-korea", "north-korea", "india", "brazil", "ukraine", "iran", "israel", "turkey",
                  "venezuela", "laos", "cambodia", "belarus", "kazakhstan", "poland", "saudi-arabia", "egypt")
    missing = [k for k in newsworthy if not any(l == lang and kind == "demonym" for _, l, kind in gaz.names(k))]
    assert missing == []


@pytest.mark.parametrize("city, state", [
    ("moscow", "russia"), ("havana", "cuba"), ("washington", "united-states"), ("beijing", "china"),
    ("hanoi", "vietnam"), ("paris", "france"), ("berlin", "germany"), ("london", "united-kingdom"),
    ("tokyo", "japan"), ("kyiv", "ukraine"), ("pyongyang", "north-korea"), ("brasilia", "brazil"),
    ("new-delhi", "india"), ("tehran", "iran"), ("caracas", "venezuela"),
])
def test_capitals_stand_for_their_state(gaz, city, state):
    entry = gaz.entry(city)
    assert (entry.type, entry.country, entry.stands_for) == ("City", state, state)


def test_most_states_have_a_capital_that_stands_for_them(gaz):
    stood_for = {e.stands_for for e in gaz.entries() if e.stands_for}
    assert all(gaz.entry(e.key).type == "City" for e in gaz.entries() if e.stands_for)
    assert len(stood_for) >= 185


@pytest.mark.parametrize("key, country", [("kremlin", "russia"), ("white-house", "united-states"),
                                          ("elysee-palace", "france"), ("zhongnanhai", "china")])
def test_seats_of_power_are_organisations_not_metonyms(gaz, key, country):
    entry = gaz.entry(key)
    assert (entry.type, entry.country, entry.stands_for) == ("Organization", country, None)


@pytest.mark.parametrize("lang, form, key", [
    ("vi", "Điện Kremlin", "kremlin"), ("vi", "điện Kremlin", "kremlin"), ("ru", "Кремля", "kremlin"),
    ("vi", "Nhà Trắng", "white-house"), ("vi", "Hồng quân", "red-army"), ("vi", "Mát-xcơ-va", "moscow"),
    ("vi", "Matxcơva", "moscow"), ("vi", "La Habana", "havana"), ("vi", "Oa-sinh-tơn", "washington"),
    ("vi", "Bắc Kinh", "beijing"), ("ru", "Москве", "moscow"), ("fr", "La Havane", "havana"),
    ("ru", "Путина", "vladimir-putin"), ("ru", "Владимиром Путиным", "vladimir-putin"),
    ("fr", "Poutine", "vladimir-putin"), ("vi", "Tập Cận Bình", "xi-jinping"), ("vi", "Tô Lâm", "to-lam"),
    ("en", "Díaz-Canel", "miguel-diaz-canel"), ("ru", "Лаврова", "sergey-lavrov"), ("en", "TASS", "tass"),
    ("ru", "ТАСС", "tass"), ("vi", "Liên minh Kinh tế Á-Âu", "eaeu"), ("es", "OTAN", "nato"),
    ("vi", "Huân chương Lênin", "order-of-lenin"),
])
def test_places_people_organisations_resolve(gaz, lang, form, key):
    assert key in [k for k, _ in gaz.lookup(form, lang)]


@pytest.mark.parametrize("form, key", [("New Jersey", "new-jersey"), ("Jersey", "jersey"), ("New York", "new-york"),
                                       ("New York State", "new-york-state"), ("Washington", "washington"),
                                       ("Georgia", "georgia"), ("Texas", "texas")])
def test_us_states_do_not_shadow_cities_or_countries(gaz, form, key):
    assert gaz.lookup(form, "en")[0][0] == key


def test_russians_are_named_in_cyrillic(gaz):
    russians = [e.key for e in gaz.entries() if e.type == "Person" and e.country in ("russia", "soviet-union")]
    assert len(russians) >= 25
    for key in russians:
        assert any(lang == "ru" and re.search("[А-Яа-я]", form) for form, lang, _ in gaz.names(key)), key


# --- lookup behaviour ------------------------------------------------------------------------

@pytest.mark.parametrize("form, key", [
    ("Sao Paulo", "sao-paulo"), ("Bogota", "bogota"), ("Diaz-Canel", "miguel-diaz-canel"),
    ("Etats-Unis", "united-states"), ("REYKJAVIK", "reykjavik"), ("Erdogan", "recep-tayyip-erdogan"),
    ("Cote d’Ivoire", "ivory-coast"), ("Atlantis", None), ("Gorbachev", "mikhail-gorbachev"),
    ("Горбачева", "mikhail-gorbachev"),
])
def test_lookup_ignores_latin_diacritics_case_and_typography(gaz, form, key):
    hits = gaz.lookup(form)
    assert (hits[0][0] if hits else None) == key


@pytest.mark.parametrize("marked, unmarked", [
    ("Nga", "Ngà"), ("Anh", "Ánh"), ("Mỹ", "My"), ("Đức", "Dục"), ("Pháp", "Phap"), ("Nhật", "Nhat"),
])
def test_lookup_keeps_vietnamese_tone_marks_apart(gaz, marked, unmarked):
    assert gaz.lookup(marked, "vi")
    assert gaz.lookup(unmarked, "vi") == []


def test_short_words_keep_their_accents(gaz):
    assert gaz.lookup("Malé")[0][0] == "male" and gaz.lookup("Male") == []
    assert gaz.lookup("Irán", "es")[0][0] == "iran" and gaz.lookup("Iran")[0][0] == "iran"


def test_vietnamese_unmarked_forms_do_not_match_marked_words(gaz):
    assert gaz.lookup("ngà", "vi") == []
    assert gaz.lookup("Duc") == []
    assert gaz.lookup("Ha Noi")[0][0] == "hanoi"  # the written-without-marks English form exists on its own


@pytest.mark.parametrize("lang, first", [("fr", "mexico-city"), ("en", "mexico"), ("es", "mexico")])
def test_language_specific_matches_come_first(gaz, lang, first):
    hits = gaz.lookup("Mexico", lang)
    assert hits[0][0] == first and {k for k, _ in hits} == {"mexico", "mexico-city"}


def test_ambiguous_forms_return_every_candidate(gaz):
    assert {k for k, _ in gaz.lookup("Castro")} == {"fidel-castro", "raul-castro"}
    assert {k for k, _ in gaz.lookup("Huân chương Hữu nghị", "vi")} == {"order-of-friendship", "friendship-order-vietnam"}


def test_forms_for_a_language_are_that_language_and_multilingual(gaz):
    langs: dict[tuple[str, str], set[str]] = {}
    _, rows = raw_rows("names.tsv")
    for key, lang, form, _ in rows:
        langs.setdefault((key, form), set()).add(lang)
    vi_forms = list(gaz.forms("vi"))
    assert ("Nga", "russia", "name") in vi_forms
    assert ("NATO", "nato", "name") in vi_forms  # multilingual
    assert all(langs[(key, form)] & {"vi", "mul"} for form, key, _ in vi_forms)
    assert ("Russie", "russia", "name") not in vi_forms
    assert len(list(gaz.forms())) == len(rows)


def test_names_of_an_entity(gaz):
    names = gaz.names("havana")
    assert ("La Habana", "es", "name") in names and ("Гавана", "ru", "name") in names


@pytest.mark.parametrize("call", [lambda g: g.entry("moskow"), lambda g: g.names("moskow")])
def test_unknown_key_names_the_key_and_suggests(gaz, call):
    with pytest.raises(KeyError, match="moskow.*moscow"):
        call(gaz)


def test_contains_and_len(gaz):
    assert "moscow" in gaz and "atlantis" not in gaz
    assert len(gaz) == len(raw_rows("entities.tsv")[1])


@pytest.mark.parametrize("form, expected", [("US", True), ("WHO", True), ("Anh", True), ("Nga", True),
                                            ("Vladimir Putin", False), ("Moscow", False)])
def test_case_sensitive_forms(form, expected):
    assert case_sensitive(form) is expected


# --- normalise ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, accents, expected", [
    ("Việt Nam", True, "viet nam"), ("Việt Nam", False, "việt nam"), ("Đà Nẵng", True, "da nang"),
    ("Горбачёв", True, "горбачев"), ("Андрей", True, "андрей"), ("“Kremlin” – TASS", True, '"kremlin" - tass'),
    ("  São\u00a0Paulo ", True, "sao paulo"), ("Łódź", True, "lodz"), ("Straße", True, "strasse"),
])
def test_normalise(text, accents, expected):
    assert normalise(text, strip_accents=accents) == expected


LETTERS = st.text(st.sampled_from(list("aeiouyAEIOUdDđĐêôơưăâéèẹẽệốồờứữạảấầậặẫ ’-йЁёжЖ'\"Ññçß")), max_size=30)


@given(LETTERS)
@settings(max_examples=200, deadline=None)
def test_normalise_is_idempotent_and_strips_latin_marks(text):
    once = normalise(text)
    assert normalise(once) == once
    base = ""
    for c in unicodedata.normalize("NFD", once):
        if not unicodedata.combining(c):
            base = c
        else:  # a mark survives only on a non-Latin letter (й keeps its breve)
            assert not (base.isascii() and base.isalpha()), (text, once)
    assert normalise(text.upper()) == normalise(text.lower()) or "ß" in text or "ẞ" in text.upper()


# --- titles --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_titles_parse(lang):
    rows = load_titles(lang)
    assert len(rows) >= 80
    for form, office, kind in rows:
        assert form and kind in ("office", "honorific", "modifier")
        assert (office == "") == (kind == "honorific"), form
    forms = [normalise(f, strip_accents=False) for f, _, _ in rows]
    assert len(forms) == len(set(forms))
    assert {o for _, o, k in rows if k == "modifier"} >= {"former"}


@pytest.mark.parametrize("lang, form, office, kind", [
    ("en", "Prime Minister", "Prime Minister", "office"), ("en", "Mr.", "", "honorific"),
    ("vi", "Thủ tướng", "Prime Minister", "office"), ("vi", "Tổng Bí thư", "General Secretary", "office"),
    ("vi", "Chủ tịch", "President", "office"), ("vi", "Ngoại trưởng", "Foreign Minister", "office"),
    ("vi", "Người phát ngôn", "Spokesperson", "office"), ("vi", "Cựu", "former", "modifier"),
    ("vi", "ông", "", "honorific"), ("fr", "ministre des Affaires étrangères", "Foreign Minister", "office"),
    ("fr", "Mme", "", "honorific"), ("fr", "ancien", "former", "modifier"), ("es", "presidenta", "President", "office"),
    ("es", "Sr.", "", "honorific"), ("pt", "porta-voz", "Spokesperson", "office"),
    ("ru", "президента", "President", "office"), ("ru", "пресс-секретарь", "Press Secretary", "office"),
    ("ru", "бывший", "former", "modifier"), ("de", "Präsidentin", "President", "office"),
    ("de", "Bundeskanzler", "Chancellor", "office"), ("de", "Herr", "", "honorific"),
])
def test_title_rows(lang, form, office, kind):
    assert (form, office, kind) in load_titles(lang)


@pytest.mark.parametrize("lang", ["xx", "", "../en", "EN"])
def test_unknown_title_language_is_empty(lang):
    assert load_titles(lang) == []


# --- loading -------------------------------------------------------------------------------

def test_loading_is_fast():
    timings = []
    for _ in range(3):
        G.load_gazetteer.cache_clear()
        start = time.perf_counter()
        load_gazetteer()
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.150, timings


def test_loader_does_not_import_rdflib():
    code = "import sys, newskg.ontology.gazetteer as g; g.load_gazetteer(); g.load_titles('vi'); print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- nationality adjectives (src/demonyms.tsv inflected by src/adjective_rules.tsv) ------------

def _build_module():
    sys.path.insert(0, str(GAZ_DIR))
    try:
        import build
    finally:
        sys.path.remove(str(GAZ_DIR))
    return build


ADJECTIVE_LANGS = ("fr", "es", "pt", "ru", "de", "it")


@pytest.mark.parametrize("lang", ADJECTIVE_LANGS)
def test_every_adjective_form_resolves_to_its_country(gaz, lang):
    """Every form of every demonym of a language (hand-written in names_demonyms.tsv or inflected
    from a lemma of demonyms.tsv) looks up to its state, in lower case as news writes it."""
    forms = [(form, e.key) for e in gaz.entries() if e.type == "Country"
             for form, l, kind in gaz.names(e.key) if l == lang and kind == "demonym"]
    assert len(forms) >= 400
    wrong = [(form, key) for form, key in forms if key not in [k for k, _ in gaz.lookup(form, lang)]]
    assert wrong == []


@pytest.mark.parametrize("lang", ADJECTIVE_LANGS)
def test_inflected_adjectives_are_in_the_gazetteer(gaz, lang):
    build = _build_module()
    generated = [(key, form) for key, l, form, _ in build.demonym_adjectives(build.load_sets()) if l == lang]
    assert len(generated) >= 100
    missing = [(key, form) for key, form in generated if (form, lang, "demonym") not in gaz.names(key)]
    assert missing == []


@pytest.mark.parametrize("lang", ADJECTIVE_LANGS)
def test_the_most_newsworthy_states_have_adjectives(gaz, lang):
    countries = [e.key for e in gaz.entries() if e.type == "Country"]
    with_adjective = [k for k in countries if any(l == lang and kind == "demonym" for _, l, kind in gaz.names(k))]
    assert len(with_adjective) >= 110
    for key in ("uzbekistan", "lithuania", "romania", "czech-republic", "ireland", "morocco", "ecuador",
                "kuwait", "cyprus", "haiti", "qatar", "united-arab-emirates", "myanmar", "malaysia"):
        assert key in with_adjective, key


@pytest.mark.parametrize("lang, lemma, forms", [
    ("ru", "узбекский", {"узбекский", "узбекского", "узбекскому", "узбекским", "узбекском", "узбекская",
                         "узбекской", "узбекскую", "узбекское", "узбекские", "узбекских", "узбекскими"}),
    ("ru", "словацкий", {"словацкого", "словацкой", "словацкими"}),
    ("de", "usbekisch", {"usbekisch", "usbekische", "usbekischen", "usbekischer", "usbekisches", "usbekischem"}),
    ("es", "ecuatoriano", {"ecuatoriano", "ecuatoriana", "ecuatorianos", "ecuatorianas"}),
    ("es", "irlandés", {"irlandés", "irlandesa", "irlandeses", "irlandesas"}),
    ("es", "marroquí", {"marroquí", "marroquíes"}),
    ("es", "croata", {"croata", "croatas"}),
    ("it", "russo", {"russo", "russa", "russi", "russe"}),
    ("it", "statunitense", {"statunitense", "statunitensi"}),
    ("it", "vietnamita", {"vietnamita", "vietnamiti", "vietnamite"}),
    ("pt", "irlandês", {"irlandês", "irlandesa", "irlandeses", "irlandesas"}),
    ("pt", "uzbeque", {"uzbeque", "uzbeques"}),
    ("fr", "équatorien", {"équatorien", "équatorienne", "équatoriens", "équatoriennes"}),
    ("fr", "irlandais", {"irlandais", "irlandaise", "irlandaises"}),
    ("fr", "marocain", {"marocain", "marocaine", "marocains", "marocaines"}),
    ("fr", "tchèque", {"tchèque", "tchèques"}),
    ("fr", "letton{,ne,s,nes}", {"letton", "lettonne", "lettons", "lettonnes"}),
])
def test_adjectives_inflect_from_their_lemma(lang, lemma, forms):
    build = _build_module()
    rules = build.read_tsv(build.SRC / "adjective_rules.tsv")
    generated = build.inflect_adjective(lemma, lang, rules, build.load_sets())
    assert forms <= set(generated) and len(generated) == len(set(generated))


def test_an_adjective_no_rule_fits_is_a_build_error():
    build = _build_module()
    rules = build.read_tsv(build.SRC / "adjective_rules.tsv")
    with pytest.raises(build.BuildError, match="no rule"):
        build.inflect_adjective("turc", "fr", rules, build.load_sets())


@pytest.mark.parametrize("lang, text, adjective, found", [
    ("es", "el presidente ruso, Vladímir Putin", "ruso", True),
    ("pt", "o secretário de Estado americano, Antony Blinken", "americano", True),
    ("fr", "son homologue chinois Wang Yi", "chinois", True),
    ("fr", "le ministre russe des Affaires étrangères", "russe", True),
    ("de", "den chinesischen Präsidenten Xi Jinping", "chinesischen", True),
    ("ru", "российский президент Владимир Путин", "российский", True),
    ("ru", "с китайским лидером Си Цзиньпином", "китайским", True),
    # no office or counterpart next to it: an adjective, not a name of the state
    ("es", "con empresarios chinos en Moscú", "chinos", False),
    ("de", "die russische Wirtschaft wächst", "russische", False),
    ("ru", "на русском языке", "русском", False),
    # a form of another language is not a demonym here
    ("es", "el presidente russe", "russe", False),
])
def test_lower_case_adjectives_next_to_a_title_name_the_state(lang, text, adjective, found):
    from newskg.extract.engines.gazetteer_engine import find_names, tokenize

    mentions = find_names(text, tokenize(text, 0, len(text)), lang)
    hits = [m for m in mentions if text[m.start:m.end] == adjective]
    assert bool(hits) == found
    assert all(m.type == "Country" and m.label == "gazetteer:demonym" for m in hits)


# --- demonyms of the smaller states (the block at the end of src/demonyms.tsv) -----------------

@pytest.mark.parametrize("lang, form, key", [
    # fr: -en, -ais/-ois, -e, -ain/-an/-i, and a lemma written out ({è,é})
    ("fr", "ivoirienne", "ivory-coast"), ("fr", "mauritaniens", "mauritania"), ("fr", "équato-guinéennes", "equatorial-guinea"),
    ("fr", "togolaise", "togo"), ("fr", "béninoises", "benin"), ("fr", "malgaches", "madagascar"),
    ("fr", "monégasque", "monaco"), ("fr", "centrafricaines", "central-african-republic"), ("fr", "jamaïcain", "jamaica"),
    ("fr", "bahreïnie", "bahrain"), ("fr", "burkinabé", "burkina-faso"), ("fr", "sud-soudanais", "south-sudan"),
    # es: -o, -és, -í, -ú, -e, written out ({,s})
    ("es", "marfileña", "ivory-coast"), ("es", "mauritanos", "mauritania"), ("es", "gabonesa", "gabon"),
    ("es", "sursudaneses", "south-sudan"), ("es", "bareiníes", "bahrain"), ("es", "papúes", "papua-new-guinea"),
    ("es", "costarricenses", "costa-rica"), ("es", "suazis", "eswatini"), ("es", "guineoecuatoriana", "equatorial-guinea"),
    # pt: -e, -ês, -o, -a, written out ({u,ia,us,ias})
    ("pt", "marfinenses", "ivory-coast"), ("pt", "guineense", "guinea-bissau"), ("pt", "togolesa", "togo"),
    ("pt", "sul-sudaneses", "south-sudan"), ("pt", "cabo-verdianas", "cape-verde"), ("pt", "bareinitas", "bahrain"),
    ("pt", "eritreus", "eritrea"), ("pt", "são-tomense", "sao-tome-and-principe"),
    # ru: -ский in every case and gender
    ("ru", "мавританского", "mauritania"), ("ru", "ивуарийской", "ivory-coast"), ("ru", "замбийскими", "zambia"),
    ("ru", "малагасийскую", "madagascar"), ("ru", "южносуданском", "south-sudan"), ("ru", "экваториальногвинейский", "equatorial-guinea"),
    # de: -isch with its endings
    ("de", "ivorischen", "ivory-coast"), ("de", "sambischer", "zambia"), ("de", "tschadisches", "chad"),
    ("de", "äquatorialguineische", "equatorial-guinea"), ("de", "monegassischem", "monaco"), ("de", "kap-verdische", "cape-verde"),
])
def test_smaller_states_have_demonyms(gaz, lang, form, key):
    assert gaz.lookup(form, lang)[0] == (key, "demonym")


@pytest.mark.parametrize("lang, form", [("fr", "congolaise"), ("es", "congoleños"), ("pt", "congolês"),
                                        ("ru", "конголезского"), ("de", "kongolesischen")])
def test_congolese_names_both_congos(gaz, lang, form):
    assert {k for k, _ in gaz.lookup(form, lang)} == {"democratic-republic-of-the-congo", "republic-of-the-congo"}


@pytest.mark.parametrize("lang, text, person, state", [
    ("fr", "Le président ivoirien Alassane Ouattara a reçu Emmanuel Macron à Abidjan.", "alassane-ouattara", "ivory-coast"),
    ("fr", "Le président togolais Faure Gnassingbé s'est entretenu avec Emmanuel Macron.", "faure-gnassingbe", "togo"),
    ("fr", "Le président malgache Andry Rajoelina a rencontré Emmanuel Macron à Paris.", "andry-rajoelina", "madagascar"),
    ("fr", "Le président burkinabè Ibrahim Traoré a reçu Sergueï Lavrov.", "ibrahim-traore", "burkina-faso"),
    ("es", "El presidente mauritano Mohamed Ould Ghazouani se reunió con Pedro Sánchez.", "mohamed-ould-ghazouani", "mauritania"),
    ("es", "El presidente gabonés Brice Oligui Nguema se reunió con Pedro Sánchez.", "brice-oligui-nguema", "gabon"),
    ("es", "El primer ministro bareiní Salman bin Hamad se reunió con Pedro Sánchez.", "salman-bin-hamad", "bahrain"),
    ("es", "El presidente costarricense Rodrigo Chaves se reunió con Pedro Sánchez.", "rodrigo-chaves", "costa-rica"),
    ("pt", "O presidente guineense Umaro Sissoco Embaló reuniu-se com Lula em Brasília.", "umaro-sissoco-embalo", "guinea-bissau"),
    ("pt", "O presidente togolês Faure Gnassingbé se reuniu com Lula em Brasília.", "faure-gnassingbe", "togo"),
    ("pt", "O presidente cabo-verdiano José Maria Neves recebeu Lula.", "jose-maria-neves", "cape-verde"),
    ("ru", "Мавританский президент Мохамед Ульд Газуани встретился с Владимиром Путиным.", "mokhamed-ul-d-gazuani", "mauritania"),
    ("de", "Der ivorische Präsident Alassane Ouattara hat Olaf Scholz empfangen.", "alassane-ouattara", "ivory-coast"),
    ("de", "Der sambische Präsident Hakainde Hichilema traf Olaf Scholz in Berlin.", "hakainde-hichilema", "zambia"),
])
def test_demonym_next_to_an_office_gives_the_holders_state(lang, text, person, state):
    """A lower-case nationality adjective of a smaller state qualifying an office names the state
    the (unknown) office holder serves, through the whole pipeline."""
    from newskg.extract.model import DateValue, Document
    from newskg.extract.pipeline import extract

    doc = Document(id="d", text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    assert not result.errors, result.errors
    positions = {(f.subject, f.object) for f in result.facts["d"] if f.relation == "holdsPosition"}
    assert positions == {(person, state)}


@pytest.mark.parametrize("lang, text, person, owner", [
    # a nationality noun between the office's comma and the name
    ("fr", "Il était avec le président de la Commission européenne, l'Allemand Klaus Berger, à Paris.",
     "klaus-berger", "european-commission"),
    ("es", "Llegó el presidente del Banco Mundial, el estadounidense Peter Holt, a Quito.", "peter-holt", "world-bank"),
    # a lower-case honorific opening the apposition
    ("fr", "Il a été reçu par l'émir du Qatar, cheikh Hamad ben Jassim Al-Nuaimi, à Doha.",
     "hamad-ben-jassim-al-nuaimi", "qatar"),
    # an elided link between an office and its organisation ("de l'", "dell'")
    ("fr", "Le coordinateur de l'Union des Forces du Changement, Jean Bakole, a parlé.", "jean-bakole",
     "union-des-forces-du-changement"),
    ("it", "Lo ha detto il presidente dell'Eni, Carlo Rinaldi, a Milano.", "carlo-rinaldi", "eni"),
    # offices of several words
    ("es", "Se reunió con el subsecretario de Estado de Estados Unidos, Mark Dillon.", "mark-dillon", "united-states"),
    ("pt", "O porta-voz da Presidência angolana, Mário Kassoma, negou a notícia.", "mario-kassoma", "angola"),
    ("fr", "Le ministre d'État qatari Khalid ben Saad Al-Mansouri est arrivé.", "khalid-ben-saad-al-mansouri", "qatar"),
    # an office over a list of portfolios
    ("ru", "Документ подписал министр туризма, культуры и спорта Кении Джозеф Мванги.", "dzhozef-mvangi", "kenya"),
])
def test_office_holder_read_across_apposition_words(lang, text, person, owner):
    """The office before a comma belongs to the name after it, past a nationality noun or an
    honorific; elided links and offices of several words are read whole. Through the pipeline."""
    from newskg.extract.model import DateValue, Document
    from newskg.extract.pipeline import extract

    doc = Document(id="d", text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    positions = {(f.subject, f.object) for f in result.facts["d"] if f.relation == "holdsPosition"}
    assert (person, owner) in positions, positions


@pytest.mark.parametrize("lang, form, key", [
    ("it", "Palazzo Chigi", "palazzo-chigi"),
    ("it", "Quirinale", "quirinal-palace"),
    ("fr", "palais du Quirinal", "quirinal-palace"),
    ("it", "Farnesina", "farnesina"),
    ("it", "Santa Sede", "vatican-city"),
    ("it", "Partito Democratico", "partito-democratico"),
    ("es", "La Nación", "la-nacion"),
    ("fr", "ordre du Prince Iaroslav le Sage", "order-of-prince-yaroslav-the-wise"),
    ("pt", "Ordem de Timor-Leste", "order-of-timor-leste"),
    ("de", "Auswärtige Amt", "german-foreign-office"),
    ("de", "Grünen", "alliance-90-the-greens"),
    ("fr", "M23", "m23"),
    ("fr", "Ordre national de Côte d'Ivoire", "national-order-ivory-coast"),
    ("fr", "Ordre national du Mérite", "national-order-of-merit-france"),
])
def test_seats_of_power_parties_media_and_orders(gaz, lang, form, key):
    assert key in {k for k, _ in gaz.lookup(form, lang)}


@pytest.mark.parametrize("lang, text, word", [
    ("fr", "Elle a pris ses fonctions de Haute représentante de l'Union européenne.", "Haute"),
])
def test_a_lone_word_of_an_office_is_no_name(lang, text, word):
    from newskg.extract.model import DateValue, Document
    from newskg.extract.pipeline import extract

    doc = Document(id="d", text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    assert word not in {n.text(result.docs[0]) for n in result.names["d"]}


@pytest.mark.parametrize("lang, text, person, owner", [
    ("pt", "Rui Tavares tomou hoje posse como presidente do Banco Mundial.", "rui-tavares", "world-bank"),
    ("es", "Pedro Ruiz asumió el lunes como secretario general de la OEA.", "pedro-ruiz", "oas"),
    ("en", "Maria Lopez was sworn in as president of Peru on Monday.", "maria-lopez", "peru"),
])
def test_office_taken_after_the_name(lang, text, person, owner):
    """'X tomou posse como TITLE de Y': the office a person takes, read after the name (grammar
    kind takes_office)."""
    from newskg.extract.model import DateValue, Document
    from newskg.extract.pipeline import extract

    doc = Document(id="d", text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    positions = {(f.subject, f.object) for f in result.facts["d"] if f.relation == "holdsPosition"}
    assert (person, owner) in positions, positions
