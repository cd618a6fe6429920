"""Regenerate entities.tsv and names.tsv from CLDR (babel/pycountry) plus the hand-written src/*.tsv.

Run from the repository root:  python ontology/gazetteer/build.py  [--check]

The country part (keys, names in twelve languages, Russian case forms, German genitives) and the
city names in other languages (CLDR time-zone exemplar cities) come from babel; everything a person
must vouch for (Q-ids, capitals, organisations, people, demonyms, aliases) lives in src/ so that a
reviewer reads data, not code.  The output is sorted and byte-for-byte reproducible for a given
babel/pycountry version; --check exits 1 when the committed files are stale.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
TYPES = ("Person", "Country", "City", "Organization", "Place", "Award")
KINDS = ("name", "alias", "demonym")  # preference order when one form is listed twice
CLDR_LANGS = ("en", "vi", "fr", "es", "pt", "ru", "de", "it", "zh", "ja", "ko", "ar")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q\d+$")
ENTITY_COLS = ("key", "type", "name", "wikidata", "country", "stands_for")
NAME_COLS = ("key", "lang", "form", "kind")
# Russian nouns whose stem changes when declined (fleeting vowel, soft-sign gender): listed by hand.
RU_IRREGULAR = {"Египет", "Беларусь"}


class BuildError(Exception):
    pass


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows as dicts; '#' lines and blank lines are comments; the first other line is the header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise BuildError(f"{path.name}:{lineno}: {len(cells)} cells, header has {len(header)}: {line!r}")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells))
        row["_where"] = f"{path.name}:{lineno}"
        rows.append(row)
    return rows


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("&", " and ").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def load_sets() -> dict[str, list[str]]:
    """Named ending sets for {@name} in forms (src/inflections.tsv)."""
    return {r["name"]: r["endings"].split(",") for r in read_tsv(SRC / "inflections.tsv")}


def expand(form: str, sets: dict[str, list[str]]) -> list[str]:
    """Expand every {a,b,c} / {@set} group *in parallel*: 'Владимир{,а} Путин{,а}' -> 2 forms.

    Parallel (zip) rather than cross product keeps case agreement between words.
    """
    groups = re.findall(r"\{([^{}]*)\}", form)
    if not groups:
        return [form]
    options = [sets[g[1:]] if g.startswith("@") else g.split(",") for g in groups]
    if len({len(o) for o in options}) != 1:
        raise BuildError(f"brace groups of different lengths in {form!r}")
    parts = re.split(r"\{[^{}]*\}", form)
    out = []
    for combo in zip(*options):
        text = parts[0]
        for piece, rest in zip(combo, parts[1:]):
            text += piece + rest
        out.append(text)
    return out


def inflect_adjective(lemma: str, lang: str, rules: list[dict[str, str]], sets: dict[str, list[str]]) -> list[str]:
    """Every form of a nationality adjective from its lemma: the first rule of `lang` whose ending
    the lemma has names an ending set, whose first ending is the lemma's own ('узбекский' ->
    узбекского, узбекской, узбекскими ...; 'irlandés' -> irlandesa, irlandeses ...). A lemma with
    {a,b} groups is expanded as written."""
    if "{" in lemma:
        return expand(lemma, sets)
    for rule in rules:
        if rule["lang"] == lang and lemma.endswith(rule["ending"]):
            endings = sets[rule["set"]]
            if not lemma.endswith(endings[0]):
                raise BuildError(f"{rule['_where']}: set {rule['set']} does not start with the ending of {lemma!r}")
            stem = lemma[:len(lemma) - len(endings[0])]
            return [stem + e for e in endings]
    raise BuildError(f"no rule in adjective_rules.tsv inflects {lemma!r} ({lang}); write its forms as {{a,b}}")


def demonym_adjectives(sets: dict[str, list[str]]) -> list[tuple[str, str, str, str]]:
    """The nationality adjectives of src/demonyms.tsv in all their forms, as demonyms."""
    rules = read_tsv(SRC / "adjective_rules.tsv")
    for rule in rules:
        if rule["set"] not in sets:
            raise BuildError(f"{rule['_where']}: unknown ending set {rule['set']!r}")
    return [(r["key"], r["lang"], form, "demonym") for r in read_tsv(SRC / "demonyms.tsv")
            for form in inflect_adjective(r["adjective"], r["lang"], rules, sets)]


def ru_cases(name: str) -> list[str]:
    """Oblique cases of a one-word Russian country name (gen, dat, acc, instr, prep) by regular rules."""
    if " " in name or "-" in name or name in RU_IRREGULAR or not re.fullmatch(r"[А-ЯЁ][а-яё]+", name):
        return []
    velar = "гкхжчшщ"
    if name.endswith("ия"):
        s = name[:-1]
        return [s + "и", s + "ю", s + "ей"]
    if name.endswith("я"):
        s = name[:-1]
        return [s + "и", s + "е", s + "ю", s + "ей"]
    if name.endswith("а"):
        s = name[:-1]
        return [s + ("и" if s[-1] in velar else "ы"), s + "е", s + "у", s + ("ей" if s[-1] in "жшчщц" else "ой")]
    if name.endswith("й"):
        s = name[:-1]
        return [s + "я", s + "ю", s + "ем", s + "е"]
    if name[-1] in "бвгджзклмнпрстфхцчшщ":
        return [name + "а", name + "у", name + ("ем" if name[-1] in "жшчщц" else "ом"), name + "е"]
    return []  # vowel-final foreign names (Перу, Того, Чили...) do not decline


def de_genitive(name: str) -> list[str]:
    """'Russland' -> 'Russlands': neuter country names take -s; feminine ones (-ei, -e, -z) do not."""
    if " " in name or "-" in name or re.search(r"(s|ß|x|z|e|ei)$", name):
        return []
    return [name + "s"]


def de_name_genitives(entities: dict[str, dict[str, str]], names: list[tuple[str, str, str, str]]
                      ) -> list[tuple[str, str, str, str]]:
    """German genitives of people and of capitals that stand for their state, which news puts
    before the noun ("Putins Besuch", "die Entscheidung Berlins"): -s on the last word, none after
    s, ß, x or z ("Scholz' Reise" is rare and would be ambiguous)."""
    out = []
    for key, lang, form, kind in names:
        e = entities.get(key, {})
        if lang not in ("de", "mul", "en") or kind == "demonym" or not (e.get("type") == "Person" or e.get("stands_for")):
            continue
        last = form.split()[-1] if form.split() else ""
        if last.isalpha() and last[-1].islower() and not re.search(r"[sßxz]$", last):
            out.append((key, "de", form + "s", kind))
    return out


def cldr_variants(form: str, territory_names: set[str] = frozenset()) -> list[str]:
    """'Myanmar (Burma)' -> 'Myanmar (Burma)', 'Myanmar', 'Burma'; curly apostrophes doubled.

    A parenthesised qualifier is not an alternative name when it names another territory
    ('Виргинские о-ва (Великобритания)', 'RAE de Hong Kong (China)') or is an abbreviation ('(САР)').
    """
    out = [form]
    m = re.fullmatch(r"(.+?) \((.+)\)", form)
    if m:
        out.append(m.group(1))
        qualifier = m.group(2)
        if qualifier not in territory_names and not (qualifier.isupper() and len(qualifier) <= 5):
            out.append(qualifier)
    out += [f.replace(" - ", "-") for f in out if " - " in f]  # 'Congo - Kinshasa' is written 'Congo-Kinshasa'
    out += [f.replace("’", "'") for f in out if "’" in f]
    return out


def country_part() -> tuple[list[dict[str, str]], list[tuple[str, str, str, str]], dict[str, str]]:
    """Countries, dependencies and the CLDR-named organisations (EU, UN), keyed by slug of the English name."""
    import pycountry
    from babel import Locale

    overrides = {r["alpha2"]: r for r in read_tsv(SRC / "countries.tsv")}
    locales = {lang: Locale(lang).territories for lang in CLDR_LANGS}
    codes = {c.alpha_2 for c in pycountry.countries} | set(overrides)
    territory_names = {lang: set(t.values()) for lang, t in locales.items()}
    entities, names, code_to_key = [], [], {}
    for code in sorted(codes):
        row = overrides.get(code, {})
        if row.get("type") == "-":  # explicitly excluded (uninhabited, no news value)
            continue
        if code not in locales["en"]:
            raise BuildError(f"CLDR has no territory {code}")
        name = row.get("name") or locales["en"][code]
        key = row.get("key") or slug(name)
        code_to_key[code] = key
        entities.append({"key": key, "type": row.get("type") or "Country", "name": name,
                         "wikidata": row.get("wikidata", ""), "country": row.get("country", ""),
                         "stands_for": "", "_where": f"CLDR {code}"})
        names.append((key, "en", name, "name"))
        for lang in CLDR_LANGS:
            local = locales[lang].get(code)
            if not local:
                continue
            for i, form in enumerate(cldr_variants(local, territory_names[lang])):
                names.append((key, lang, form, "name" if i == 0 else "alias"))
                if lang == "ru":
                    names += [(key, lang, f, "name") for f in ru_cases(form)]
                if lang == "de":
                    names += [(key, lang, f, "name") for f in de_genitive(form)]
    return entities, names, code_to_key


def us_states(known: dict[str, dict[str, str]], owners: dict[str, set[str]]
              ) -> tuple[list[dict[str, str]], list[tuple[str, str, str, str]]]:
    """The fifty US states (pycountry), so that "New Jersey" is never read as Jersey. A state whose
    name already names something else (Georgia, Washington, New York) gets a qualified name only;
    `known` are the other entities by key, `owners` the keys each English form already names."""
    import pycountry

    entities, names = [], []
    for sub in sorted(pycountry.subdivisions.get(country_code="US"), key=lambda s: s.code):
        if sub.type != "State":
            continue
        key = slug(sub.name)
        mine = key in known and known[key]["type"] == "Place" and known[key]["country"] == "united-states"
        clash = not mine and (key in known or bool(owners.get(sub.name.casefold(), set()) - {key}))
        name = f"{sub.name} (U.S. state)" if clash else sub.name
        key += "-state" if clash else ""
        entities.append({"key": key, "type": "Place", "name": name, "wikidata": "", "country": "united-states",
                         "stands_for": "", "_where": f"pycountry {sub.code}"})
        names.append((key, "en", name, "name"))
        if clash:
            names.append((key, "en", f"{sub.name} State", "alias"))
    return entities, names


def city_names(entities: list[dict[str, str]], en_forms: dict[str, set[str]],
               code_to_key: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Names of cities in other languages from CLDR time-zone exemplar cities.

    A zone matches a City when its English exemplar equals one of the city's English names and the
    zone lies in the city's country, so 'Santiago' (Chile) never names Santiago de Cuba.
    """
    from babel import Locale
    from babel.core import get_global

    zone_country = get_global("zone_territories")
    en_tz = Locale("en").time_zones
    key_to_code = {v: k for k, v in code_to_key.items()}
    territories = {lang: set(Locale(lang).territories.values()) for lang in CLDR_LANGS}
    by_name: dict[tuple[str, str], str] = {}
    for tz, code in zone_country.items():
        city = en_tz.get(tz, {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
        by_name[(city.casefold(), code)] = tz
    out = []
    for e in entities:
        if e["type"] != "City" or not e["country"]:
            continue
        code = key_to_code.get(e["country"])
        zones = {by_name.get((f.casefold(), code)) for f in en_forms.get(e["key"], set()) | {e["name"]}} - {None}
        for tz in sorted(zones):
            for lang in CLDR_LANGS:
                city = Locale(lang).time_zones.get(tz, {}).get("city")
                if city:
                    out += [(e["key"], lang, f, "name") for f in cldr_variants(city, territories[lang])]
    return out


def vi_demonyms(entities: dict[str, dict[str, str]],
                names: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Vietnamese nationals are 'người' + the country name ('người Nga', 'người Mỹ'): one rule, all countries."""
    return [(key, "vi", f"người {form}", "demonym") for key, lang, form, kind in names
            if lang == "vi" and kind in ("name", "alias") and len(form.split()) <= 3
            and not re.search(r"[(),.]| - ", form)
            and entities.get(key, {}).get("type") == "Country" and form[:1].isupper()]


def merge_entities(generated: list[dict[str, str]], manual: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {e["key"]: e for e in generated}
    seen: dict[str, str] = {}
    for row in manual:
        key = row["key"]
        if key in seen:
            raise BuildError(f"{row['_where']}: key {key!r} already defined at {seen[key]}")
        seen[key] = row["_where"]
        base = out.get(key, {c: "" for c in ENTITY_COLS})
        out[key] = {c: row.get(c) or base.get(c, "") for c in ENTITY_COLS} | {"_where": row["_where"]}
    return out


def validate(entities: dict[str, dict[str, str]], names: Iterable[tuple[str, str, str, str]]) -> list[str]:
    errors = []
    for key, e in entities.items():
        where = e.get("_where", "?")
        if not KEY_RE.match(key):
            errors.append(f"{where}: bad key {key!r}")
        if e["type"] not in TYPES:
            errors.append(f"{where}: type {e['type']!r} of {key} not in {TYPES}")
        if e["wikidata"] and not QID_RE.match(e["wikidata"]):
            errors.append(f"{where}: bad wikidata id {e['wikidata']!r}")
        for col in ("country", "stands_for"):
            if e[col] and e[col] not in entities:
                errors.append(f"{where}: {col} {e[col]!r} of {key} is not a key")
        if e["stands_for"] and entities.get(e["stands_for"], {}).get("type") != "Country":
            errors.append(f"{where}: {key} stands for {e['stands_for']!r}, which is not a Country")
    qids: dict[str, str] = {}
    for key, e in entities.items():
        if e["wikidata"] and qids.setdefault(e["wikidata"], key) != key:
            errors.append(f"wikidata {e['wikidata']} on both {qids[e['wikidata']]} and {key}")
    for key, lang, form, kind in names:
        if key not in entities:
            errors.append(f"name {form!r} ({lang}) for unknown key {key!r}")
        if kind not in KINDS:
            errors.append(f"name {form!r}: kind {kind!r} not in {KINDS}")
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            errors.append(f"name {form!r}: bad language {lang!r}")
        if not form or form != form.strip() or "\t" in form:
            errors.append(f"name {form!r} of {key}: empty or padded")
    return errors


def build() -> tuple[str, str]:
    sets = load_sets()
    gen_entities, names, code_to_key = country_part()
    manual_entities = [r for p in sorted(SRC.glob("entities_*.tsv")) for r in read_tsv(p)]
    for p in sorted(SRC.glob("names_*.tsv")):
        for r in read_tsv(p):
            kind = r.get("kind") or "alias"
            for lang in r["lang"].split(","):
                names += [(r["key"], lang.strip(), f.strip(), kind) for f in expand(r["form"], sets)]
    names += demonym_adjectives(sets)
    known = merge_entities(gen_entities, manual_entities)
    owners: dict[str, set[str]] = {}
    for key, lang, form, _ in names + [(k, "en", e["name"], "") for k, e in known.items()]:
        if lang in ("en", "mul"):
            owners.setdefault(form.casefold(), set()).add(key)
    states, state_names = us_states(known, owners)
    entities = merge_entities(gen_entities + states, manual_entities)  # hand rows win (hawaii, texas ...)
    names += state_names
    names += vi_demonyms(entities, names)
    en_forms: dict[str, set[str]] = {}
    for key, lang, form, _ in names:
        if lang in ("en", "mul"):
            en_forms.setdefault(key, set()).add(form)
    names += city_names(list(entities.values()), en_forms, code_to_key)
    # every entity answers to its preferred name; 'mul' when the manual data already says so
    listed = {(k, f) for k, lang, f, _ in names if lang in ("en", "mul")}
    names += [(k, "en", e["name"], "name") for k, e in entities.items() if (k, e["name"]) not in listed]
    names += de_name_genitives(entities, names)
    errors = validate(entities, names)
    if errors:
        raise BuildError("\n".join(errors))
    best: dict[tuple[str, str, str], str] = {}
    for key, lang, form, kind in names:
        old = best.get((key, lang, form))
        if old is None or KINDS.index(kind) < KINDS.index(old):
            best[(key, lang, form)] = kind
    ent_lines = ["\t".join(ENTITY_COLS)] + [
        "\t".join(entities[k][c] for c in ENTITY_COLS) for k in sorted(entities)]
    name_lines = ["\t".join(NAME_COLS)] + [
        "\t".join((k, lang, form, kind)) for (k, lang, form), kind in
        sorted(best.items(), key=lambda item: (item[0][0], item[0][1], KINDS.index(item[1]), item[0][2]))]
    return "\n".join(ent_lines) + "\n", "\n".join(name_lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    args = parser.parse_args(argv)
    try:
        entities, names = build()
    except BuildError as err:
        print(f"build failed:\n{err}", file=sys.stderr)
        return 2
    targets = {HERE / "entities.tsv": entities, HERE / "names.tsv": names}
    if args.check:
        stale = [p.name for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run python ontology/gazetteer/build.py", file=sys.stderr)
            return 1
        return 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    print(f"{entities.count(chr(10)) - 1} entities, {names.count(chr(10)) - 1} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
