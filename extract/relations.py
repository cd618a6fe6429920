"""Relation extraction: the argument patterns of triggers.tsv (compiled in patterns.py, where
their syntax is described) matched on a sentence whose arguments are masked as placeholders.

Arguments are names with their title phrase ("Tổng thống Nga Vladimir Putin" is one argument)
and pronouns resolved to the nearest fitting person. The earliest subject that reaches the
trigger wins, which is the clause subject in the SVO languages we cover; where the case endings
say that subject is not in the nominative while the object is, the two swap (free word order:
"Сергея Шойгу сменил Андрей Белоусов"). Rows are in priority order: where two rows of a relation
claim the same trigger words, the first wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon, alternation
from .model import Status
# signatures and row_words are also imported from here (facts.py, tests)
from .patterns import ARG, CLOSE, OPEN, PLACEHOLDER, TYPE_CODE, compile_patterns, row_words, signatures

__all__ = ["Masked", "Match", "find_matches", "find_triggers", "mask", "pairs", "row_words", "signatures",
           "status_of"]

SUBJECT_REACH = 160   # how far before its trigger a free subject may stand (masked characters)


@dataclass
class Match:
    relation: str
    subjects: list[int]           # indexes into the argument list
    objects: list[int]
    trigger: tuple[int, int]      # offsets in the masked sentence
    status: Status | None
    pattern: str
    pre: str | None = None        # see patterns.Pattern.pre: lets a parse tell which slot its subject fills


class Masked(str):
    """A masked sentence (a str) that keeps the text of its arguments, by placeholder number,
    for the case endings to read (see _oblique)."""

    surfaces: tuple[str, ...] = ()


def mask(text: str, start: int, end: int, args: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """The sentence with each argument replaced by a placeholder; and for each masked index the
    document offset it comes from."""
    out, offsets, pos = [], [], start
    for i, (s, e, typ) in enumerate(args):
        out.append(text[pos:s])
        offsets.extend(range(pos, s))
        token = f"{OPEN}{TYPE_CODE.get(typ, 'L')}{i}{CLOSE}"
        out.append(token)
        offsets.extend([s] * len(token))
        pos = e
    out.append(text[pos:end])
    offsets.extend(range(pos, end))
    masked = Masked("".join(out))
    masked.surfaces = tuple(text[s:e] for s, e, _ in args)
    return masked, offsets


@lru_cache(maxsize=None)
def _case_endings(lang: str) -> tuple[tuple[str, str], ...]:
    from .lexicon import lexicon

    # value "-": the nominative has no ending ("Путина" -> "Путин")
    rows = [(f, "" if v == "-" else v) for f, v in lexicon(lang).valued("case_ending")]
    return tuple(sorted(rows, key=lambda fv: -len(fv[0])))


@lru_cache(maxsize=4096)
def _oblique(surface: str, lang: str) -> bool:
    """Whether a name is in a case other than the nominative: swapping its words' endings for
    nominative ones (grammar kind `case_ending`: form = oblique ending, value = nominative ending)
    gives another form of the same entity ("Сергея Шойгу" -> "Сергей Шойгу", "Россию" ->
    "Россия"). Undeclined names ("Лукашенко") and unknown names are not oblique."""
    endings = _case_endings(lang)
    if not endings:
        return False
    from itertools import product

    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    words = surface.split()
    # the name is the longest tail of the unit the gazetteer knows ("президента Бразилии Лулу да Силву")
    for i in range(len(words)):
        name = words[i:]
        keys = {k for k, _ in gaz.lookup(" ".join(name), lang)}
        if keys:
            break
    else:
        return _oblique_title(words[0].casefold(), lang) if words else False
    if len(name) > 4:
        return False
    options = [[w] + [w[:-len(o)] + n for o, n in endings if len(w) > len(o) + 1 and w.endswith(o)] for w in name]
    for variant in product(*options):
        if list(variant) != name and keys & {k for k, _ in gaz.lookup(" ".join(variant), lang)}:
            return True
    return False


@lru_cache(maxsize=None)
def _title_heads(lang: str) -> dict[str, set[str]]:
    from .lexicon import lexicon

    heads: dict[str, set[str]] = {}
    for form, office, kind in lexicon(lang).titles:
        if kind == "office":
            heads.setdefault(form.split()[0].casefold(), set()).add(office)
    return heads


def _oblique_title(word: str, lang: str) -> bool:
    """A role phrase with no name ("Главу российского правительства", extract/roles.py) is in an
    oblique case when its title word, its ending swapped for a nominative one, is the title word
    of another form of the same office ("главу" -> "глава")."""
    heads = _title_heads(lang)
    offices = heads.get(word)
    if not offices:
        return False
    return any(word[:-len(o)] + n != word and offices & heads.get(word[:-len(o)] + n, set())
               for o, n in _case_endings(lang) if len(word) > len(o) + 1 and word.endswith(o))


def _ids(text: str | None) -> list[int]:
    # a name in a parenthesis after another ("Olaf Scholz (SPD)") qualifies it; it is no argument
    return [int(x) for _, x in PLACEHOLDER.findall(re.sub(r"\([^()]*\)", " ", text or ""))]


@lru_cache(maxsize=None)
def _continuation(lang: str, codes: str) -> re.Pattern[str]:
    """A list that repeats its preposition after the slot's last name ("acompanhado por A, pelo
    B e pela C", "accompagné de A et de B", "reuniu-se com A e com B"): grammar kind
    `list_preposition`. Only a preposition (and a determiner) may stand before the next name, so a
    new clause ("et le président B a dit") does not continue the list."""
    from .lexicon import lexicon

    lex = lexicon(lang)
    preps = _alternatives(lang, "list_preposition")
    conj = _alternatives(lang, "conj")
    det = alternation(lex.words("determiner")) if lex.words("determiner") else "(?!)"
    arg = f"{OPEN}[{codes}]\\d+{CLOSE}"
    return re.compile(rf"\s*(?:,\s*(?:{conj}\s+)?|\s+{conj}\s+)(?<!\w){preps}(?:(?<=['’])|\s+)"
                      rf"(?:{det}\s+)?(?P<A>{arg})(?:\s*\([^()]{{0,60}}\))?", re.IGNORECASE)


def _continued(masked: str, end: int, relation: str, slot: str, lang: str) -> list[int]:
    """The names a list adds after the slot that ends at `end` (see _continuation)."""
    from .patterns import slot_codes

    types = signatures()[relation][0 if slot == "S" else 1]
    rx = _continuation(lang, slot_codes(types, slot == "S" or relation != "visited"))
    out = []
    while (m := rx.match(masked, end)) is not None:
        out += _ids(m.group("A"))
        end = m.end()
    return out


@lru_cache(maxsize=None)
def _clause_breaks(lang: str) -> re.Pattern[str]:
    """Where a subject cannot come from: across a sentence end, a clause break ("while",
    "trong khi") or a complementizer ("reported that", "rằng")."""
    from .lexicon import lexicon

    lex = lexicon(lang)
    words = sorted(lex.words("clause_break") + lex.words("complementizer"), key=len, reverse=True)
    # and a colon opening a quotation: the quoted words have a subject of their own
    # ('Meloni: "Italia al fianco dell'Argentina"')
    alternatives = [r"[.;!?\n]", r":\s*[\"«„“]"] + [rf"(?<!\w){re.escape(w)}(?!\w)" for w in words]
    # an attribution opening the clause is no subject: "According to Reuters, A met B", "Theo TTXVN, ..."
    alternatives += [rf"(?:^|(?<=[,;:(]))\s*{re.escape(w)}\s+[^,.;!?]{{1,80}}?," for w in lex.words("attribution")]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _alternatives(lang: str, kind: str) -> str:
    """A regex group of the words of a lexicon kind, longest first; one that never matches where
    the language has none."""
    from .lexicon import lexicon

    words = sorted(lexicon(lang).words(kind), key=len, reverse=True)
    return alternation(words) if words else "(?!)"


@lru_cache(maxsize=None)
def _reporting(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_alternatives(lang, 'reporting')}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _request(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_alternatives(lang, 'request')}(?!\w)", re.IGNORECASE)


def _requested(window: str, subject: re.Pattern[str], lang: str) -> re.Match[str] | None:
    """"Modi urged Japan to support India", "đề nghị WB hỗ trợ Việt Nam" (grammar kind `request`):
    whom it asks of is the subject of what is asked. A conjunction after it goes back to the one
    who asks ("đề nghị B giải ngân vốn và mời C": the asker invites)."""
    start = _clause_start(window, lang, _request(lang))
    asked = subject.search(window, start) if start else None
    if asked is None or re.search(rf"(?<!\w){_alternatives(lang, 'conj')}(?!\w)", window[asked.end():], re.IGNORECASE):
        return None
    return asked


def _clause_start(window: str, lang: str, breaks: re.Pattern[str] | None = None) -> int:
    last = None
    for last in (breaks or _clause_breaks(lang)).finditer(window):
        pass
    return last.end() if last else 0


@lru_cache(maxsize=None)
def _relative_clause(lang: str) -> re.Pattern[str]:
    return re.compile(rf",\s*{_alternatives(lang, 'relative')}(?!\w)[^,.;!?\n]*,", re.IGNORECASE)


@lru_cache(maxsize=None)
def _located(lang: str) -> re.Pattern[str]:
    # and an origin set off by a comma: "Desde Caracas, el canciller ... arremetió" (kind `origin`)
    return re.compile(rf"(?<!\w)(?:{_alternatives(lang, 'locative')}\s+{ARG}|{_alternatives(lang, 'origin')}\s+{ARG}(?=\s*,))",
                      re.IGNORECASE)


def _blank_relative_clauses(window: str, lang: str) -> str:
    """"Kishida, who met Zelensky in Kyiv, pledged ...": a relative clause closed by a comma
    holds no subject of the main clause, nor does a place after a locative ("tại Phủ Chủ tịch,
    Chủ tịch nước Tô Lâm tiếp ..."). Blanked, offsets kept."""
    window = _relative_clause(lang).sub(lambda m: " " * len(m.group()), window)
    return _located(lang).sub(lambda m: " " * len(m.group()), window)


@lru_cache(maxsize=None)
def _subject_relative(lang: str) -> re.Pattern[str]:
    return re.compile(rf"{ARG}(?:\s*\([^()]*\))?\s*,\s*{_alternatives(lang, 'subject_relative')}(?!\w)[^,.;!?\n]*$",
                      re.IGNORECASE)


def _antecedent(window: str, subject: re.Pattern[str], lang: str) -> re.Match[str] | None:
    """"Boric, que condenó ...", "Scholz, der ... kritisierte": a trigger inside a relative clause
    opened by a subject pronoun (grammar kind `subject_relative`) has for subject the name the
    clause hangs on."""
    m = _subject_relative(lang).search(window)
    return subject.match(window, m.start()) if m else None


def _readings(masked: str, lang: str) -> list[str]:
    """The sentence, and the sentence with its relative clauses closed by commas blanked (offsets
    kept): "Nyusi, que cumpriu dois mandatos, foi condecorado por ..." puts the clause between an
    argument and the words of a row that needs it near ({O} .. foi condecorado)."""
    blanked = _relative_clause(lang).sub(lambda m: " " * len(m.group()), masked)
    return [masked] if blanked == masked else [masked, blanked]


_QUOTATION = re.compile(r'"[^"\n]*"|«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]')


def _in_quotation(text: str, pos: int) -> bool:
    return any(q.start() < pos < q.end() for q in _QUOTATION.finditer(text))


def _across_clause(row: str, m: re.Match[str], span: tuple[int, int], text: str, lang: str) -> bool:
    """A slot a row wants a few words before its trigger (`{S} ..`) cannot reach across a clause
    break: in "БРИКС, куда его пригласил Путин" the summit is not who invited."""
    for slot in ("S", "O"):
        if (m.groupdict().get(slot) and m.end(slot) <= span[0] and re.search(rf"\{{{slot}[~=]?\}} \.\.(?!\.)", row)
                and _clause_breaks(lang).search(text, m.end(slot), span[0])):
            return True
    return False


def _participle(text: str, lang: str) -> bool:
    """Whether the first word of `text` is a participle by its ending ("arrivato", "arrivée")."""
    from .lexicon import lexicon

    word = re.match(r"[^\W\d_]+", text)
    endings = lexicon(lang).words("participle_ending")
    return bool(word and endings) and any(word.group().casefold().endswith(e) for e in endings)


def find_matches(masked: str, lang: str) -> list[Match]:
    claimed: dict[str, list[tuple[int, int]]] = {}
    out = []
    # the arguments whose name is in a case other than the nominative ("Путина", "России")
    oblique = {i for i, s in enumerate(getattr(masked, "surfaces", ())) if _oblique(s, lang)}
    readings = _readings(masked, lang)
    for pat, text in ((p, t) for p in compile_patterns(lang) for t in readings[:1 if p.subject else None]):
        for m in pat.regex.finditer(text):
            groups = m.groupdict()
            trig = [m.span(g) for g in groups if g.startswith("T") and m.group(g)]
            if not trig:
                continue
            span = (min(s for s, _ in trig), max(e for _, e in trig))
            if any(s < span[1] and span[0] < e for s, e in claimed.get(pat.relation, [])):
                continue
            subj = _ids(groups.get("S"))
            if pat.oblique_object and not set(_ids(groups.get("O"))) <= oblique:
                continue
            if pat.nominative_object and set(_ids(groups.get("O"))) & oblique:
                continue
            if _across_clause(pat.text, m, span, text, lang):
                continue
            # "condemned the measures and said Moscow would respond": an object after a reporting
            # verb is the reported clause's, not the trigger's
            if groups.get("O") and m.start("O") > span[1] and _reporting(lang).search(text, span[1], m.start("O")):
                continue
            if pat.relation == "quoted" and groups.get("O") and _in_quotation(text, m.start("O")):
                continue  # the speaker is no name of the words quoted ('"L'Italia è ...", ha detto Milei')
            if pat.subject is not None:
                # the earliest fitting subject within reach before the trigger (the clause subject)
                window = _blank_relative_clauses(masked[max(0, m.start() - SUBJECT_REACH):m.start()], lang)
                sm = pat.subject.search(window, _clause_start(window, lang)) or _antecedent(window, pat.subject, lang)
                if sm is None:
                    continue
                # "Ông Hùng cho biết Việt Nam ủng hộ Pháp": a subject after a reporting verb is
                # the reported clause's own
                reported = _clause_start(window, lang, _reporting(lang))
                if reported > sm.start():
                    sm = pat.subject.search(window, reported) or sm
                    # "sagte der dpa, Deutschland werde ...": whom it was told to, before the comma, is
                    # not the reported clause's subject
                    comma = window.find(",", reported)
                    if 0 <= sm.start() < comma:
                        sm = pat.subject.search(window, comma) or sm
                asked = _requested(window, pat.subject, lang)
                if asked is not None and asked.start() > sm.start():
                    sm = asked
                # "Министр иностранных дел России Сергей Лавров провел": a name in another case
                # than the nominative qualifies the subject; the next one is the subject
                nxt = sm
                while nxt is not None and set(_ids(nxt.group("S"))) <= oblique:
                    nxt = pat.subject.search(window, nxt.end())
                sm = nxt or sm
                # "il leader cinese Xi Jinping, arrivato nella capitale russa": a verb right after a
                # name and a comma is said of that name (an apposition), not of the clause's subject
                # (grammar kind `participle_ending`: the verb must be a participle)
                apposed = re.search(rf"{ARG}\s*,\s*$", window) if _participle(text[m.start():m.start() + 40], lang) else None
                if apposed and apposed.start() > sm.start():
                    sm = next((x for x in [pat.subject.search(window, apposed.start())]
                               if x is not None and x.start() == apposed.start()), sm)
                subj = _ids(sm.group("S"))
            obj = _ids(groups.get("O"))
            # the slot that closes the match may go on as a list with its preposition repeated
            if groups.get("O") and m.end("O") == m.end():
                obj += [i for i in _continued(text, m.end(), pat.relation, "O", lang) if i not in subj]
            elif groups.get("S") and m.end("S") == m.end():
                subj += [i for i in _continued(text, m.end(), pat.relation, "S", lang) if i not in obj]
            if pat.oblique_object and oblique & set(subj):
                continue  # object first needs a subject in the nominative
            if pat.subject_first and obj and subj and set(subj) <= oblique and not oblique & set(obj):
                subj, obj = obj, subj  # the case says who did it: "Путина наградил Токаев"
            claimed.setdefault(pat.relation, []).append(span)
            out.append(Match(pat.relation, subj, obj, span, pat.status, pat.text, pat.pre))
    return out


def find_triggers(masked: str, lang: str) -> list[Match]:
    """Where each row's trigger words occur, arguments left empty for a parse to fill: a row
    whose arguments stand too far from its words ("was warmly received on Tuesday in the
    Kremlin by Putin") or where the pattern cannot reach ("qui a rencontré") still names its
    relation, its trigger and which slot comes first."""
    out = []
    for pat in compile_patterns(lang):
        if pat.trigger_only is None:
            continue
        for m in pat.trigger_only.finditer(masked):
            trig = [m.span(g) for g, v in m.groupdict().items() if g.startswith("T") and v]
            if trig:
                span = (min(s for s, _ in trig), max(e for _, e in trig))
                out.append(Match(pat.relation, [], [], span, pat.status, pat.text, pat.pre))
    return out


def status_of(masked: str, match: Match, lex: Lexicon) -> Status:
    """Negation right before the trigger denies it; a modal or future marker plans it. The
    trigger's own words count too: a row may spell the marker ("will lend", "will meet")."""
    if match.status is not None:
        return match.status
    before = PLACEHOLDER.sub(" ", masked[max(0, match.trigger[0] - 30):match.trigger[0]].casefold()).split()[-4:]
    # all of the trigger: a verb-final clause puts its negation inside ("hat Xi nicht getroffen")
    trigger = PLACEHOLDER.sub(" ", masked[match.trigger[0]:match.trigger[1]].casefold()).split()
    after = PLACEHOLDER.sub(" ", masked[match.trigger[1]:match.trigger[1] + 30].casefold()).split()[:2]
    tokens = before + trigger + after
    # "not only", "không ngừng" (unceasingly), "did not hesitate to": negation words that affirm;
    # the words after the trigger only serve to see such a phrase whole ("unterstützt nicht nur")
    affirming = [p.casefold().split() for p in lex.words("not_negation")]
    keep = [True] * len(tokens)
    for phrase in sorted(affirming, key=len, reverse=True):
        for i in range(len(tokens) - len(phrase) + 1):
            if tokens[i:i + len(phrase)] == phrase:
                keep[i:i + len(phrase)] = [False] * len(phrase)
    window = " " + " ".join(t for t, k in zip(tokens[:len(before) + len(trigger)], keep) if k) + " "
    if any(f" {w.casefold()} " in window for w in lex.words("negation")):
        return Status.DENIED
    # what one asks another to do is proposed, not done ("urged Japan to support")
    if any(f" {w.casefold()} " in window for w in lex.words("planned") + lex.words("request")):
        return Status.PLANNED
    return Status.OCCURRED


def pairs(match: Match, symmetric: bool) -> list[tuple[int, int]]:
    if match.objects:
        return [(s, o) for s in match.subjects for o in match.objects if s != o]
    if symmetric and len(match.subjects) >= 2:
        subs = match.subjects
        return [(a, b) for i, a in enumerate(subs) for b in subs[i + 1:]]
    return []
