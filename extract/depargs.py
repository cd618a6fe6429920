"""Arguments of a trigger read from a dependency parse, where the engine gives one.

The ordered patterns of relations.py find the trigger words (and stay the whole story where a
sentence has no parse). Given a trigger, the parse says who did what to whom, whatever stands
between the words: the subject of the trigger's verb and its coordinated names ("Putin and
Diaz-Canel held talks"), its objects, direct or behind a preposition that the pattern spells
("talks with", "sanctions on"), a passive's agent ("was received ... by Putin"), the noun a
relative clause hangs from ("Macron, who met Scholz"), the name an apposition gives ("the
chancellor, Olaf Scholz") and a negation of the verb. Which dependency labels play which role is
data: ontology/deprels.tsv (Universal Dependencies and spaCy's English ClearNLP labels).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .lexicon import lexicon, read_tsv
from .model import Sentence, Token

if TYPE_CHECKING:
    from .relations import Match

NOUNS = frozenset({"NOUN", "PROPN"})


@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    return read_tsv(Path(__file__).resolve().parent.parent / "ontology" / "deprels.tsv")


@lru_cache(maxsize=1)
def roles() -> dict[str, frozenset[str]]:
    """Role -> dependency labels, for every language."""
    return {r["role"]: frozenset(r["labels"].split("|")) for r in _rows() if not r.get("lang")}


@lru_cache(maxsize=None)
def role_words(role: str, lang: str) -> frozenset[str]:
    """Words of a role for one language (agent_case: "by", "par")."""
    return frozenset(w for r in _rows() if r["role"] == role and r.get("lang") == lang
                     for w in r["labels"].split("|"))


def has_parse(sent: Sentence) -> bool:
    """True when the engine parsed the sentence: most tokens carry a label and some a head."""
    toks = sent.tokens
    return (len(toks) > 1 and 2 * sum(t.deprel is not None for t in toks) > len(toks)
            and any(t.head is not None for t in toks))


@dataclass(frozen=True)
class DepArgs:
    """What the parse says about one trigger, as indexes into the argument list: ``agents`` did
    it (the active subject, a passive's `by` phrase), ``patients`` underwent it."""

    agents: tuple[int, ...]
    patients: tuple[int, ...]
    passive: bool
    negated: bool
    root: int  # token index (within the sentence) of the trigger's head word


class _Tree:
    def __init__(self, tokens: list[Token], spans: list[tuple[int, int]]) -> None:
        self.tokens = tokens
        self.kids: list[list[int]] = [[] for _ in tokens]
        for i, t in enumerate(tokens):
            if t.head is not None and 0 <= t.head < len(tokens) and t.head != i:
                self.kids[t.head].append(i)
        self.arg: list[int | None] = [None] * len(tokens)
        for a, (s, e) in enumerate(spans):
            for i, t in enumerate(tokens):
                if t.start < e and s < t.end and self.arg[i] is None:
                    self.arg[i] = a

    def label(self, i: int, role: str) -> bool:
        return self.tokens[i].deprel in roles().get(role, frozenset())

    def children(self, i: int, role: str) -> list[int]:
        return [k for k in self.kids[i] if self.label(k, role)]

    def nominals(self, i: int) -> list[tuple[int, list[int]]]:
        """The nouns a prepositional dependent brings, each with its preposition tokens: ClearNLP
        hangs the noun below the preposition, UD hangs the preposition below the noun."""
        below = self.children(i, "prep_object")
        if below:
            return [(n, [i]) for n in below]
        return [(i, self.children(i, "case"))]

    def stand_for(self, i: int) -> list[int]:
        """The arguments a token stands for: its own, or for a bare title noun the name in
        apposition to it or hanging from it without a preposition; and those of everything
        coordinated with it."""
        out: list[int] = []
        seen: set[int] = set()
        stack = [i]
        while stack:
            j = stack.pop()
            if j in seen:
                continue
            seen.add(j)
            a = self.arg[j]
            if a is None:  # "the chancellor, Olaf Scholz", "le président russe Vladimir Poutine"
                a = next((self.arg[k] for k in self.children(j, "apposition") + self.children(j, "name_link")
                          if self.arg[k] is not None and not self.children(k, "case")), None)
            if a is not None and a not in out:
                out.append(a)
            # coordination hangs from any token of a multi-word name ("Vladimir Poutine et ...")
            members = [k for k in range(len(self.tokens)) if a is not None and self.arg[k] == a] or [j]
            # "Macron, the French president, and Scholz": the parser may hang the next name on the apposition
            members += [k for m in members for k in self.children(m, "apposition") if self.arg[k] is None]
            for m in members:
                stack.extend(self.children(m, "coordination"))
        return out


def _root(tree: _Tree, trig: list[int]) -> int:
    """The trigger token the others hang from; the highest one where they do not connect."""
    inside = set(trig)

    def depth(i: int) -> int:
        d, j = 0, i
        while tree.tokens[j].head is not None and d < len(tree.tokens):
            j, d = tree.tokens[j].head, d + 1
        return d

    tops = [i for i in trig if tree.tokens[i].head not in inside]
    return min(tops or trig, key=lambda i: (depth(i), tree.tokens[i].pos not in ("VERB", "AUX"), i))


def _negated(tree: _Tree, root: int, lang: str) -> bool:
    lex = lexicon(lang)
    words = {w.casefold() for w in lex.words("negation") if " " not in w}
    affirming = [p.casefold() for p in lex.words("not_negation")]
    for k in tree.kids[root]:
        tok = tree.tokens[k]
        forms = {tok.text.casefold(), (tok.lemma or "").casefold()}
        if not (tree.label(k, "negation") or (tree.label(k, "adverb") and forms & words)):
            continue
        # "not only", "n'a pas hésité à": negation words that affirm
        rest = " ".join(t.text for t in tree.tokens[k:k + 6]).casefold()
        if not any(rest.startswith(p) for p in affirming):
            return True
    return False


def find_arguments(sent: Sentence, spans: list[tuple[int, int]], trigger: tuple[int, int], lang: str,
                   prepositions: frozenset[str] = frozenset(), locative_objects: bool = False) -> DepArgs | None:
    """Agents and patients of the trigger at document offsets ``trigger`` among the argument
    ``spans`` (document offsets). An object behind a preposition counts only where the pattern
    spelled that preposition (one of ``prepositions``, or it lies inside ``trigger``), and a
    locative one ("in Paris") only with ``locative_objects`` (for `visited`). None when the
    trigger is not among the tokens or the sentence has no parse."""
    tree = _Tree(sent.tokens, spans)
    toks = tree.tokens
    trig = [i for i, t in enumerate(toks) if t.start < trigger[1] and trigger[0] < t.end and tree.arg[i] is None]
    if not trig or not has_parse(sent):
        return None
    inside = set(trig)
    root = _root(tree, trig)
    locatives = {w.casefold() for w in lexicon(lang).words("locative")}
    by_words = role_words("agent_case", lang)
    kids = tree.kids[root]
    passive = any(tree.label(k, "passive_aux") or tree.label(k, "passive_subject") or tree.label(k, "agent")
                  for k in kids)
    subjects = [k for k in kids if tree.label(k, "subject") or tree.label(k, "passive_subject")
                or (toks[root].pos in NOUNS and tree.label(k, "noun_subject"))]
    agents: list[int] = []
    objects: list[int] = []
    for k in kids:
        if tree.label(k, "agent"):
            agents += [n for n, _ in tree.nominals(k)]
        elif passive and (tree.label(k, "oblique") or tree.label(k, "preposition")):
            # "reçu ... par le président russe": an agent the parser took for a plain oblique
            agents += [n for n, preps in tree.nominals(k) if {toks[p].text.casefold() for p in preps} & by_words]
    for t in trig:
        for k in tree.kids[t]:
            if k in agents or tree.label(k, "agent"):
                continue
            if tree.label(k, "object") or (tree.arg[k] is not None and tree.label(k, "preposition")):
                objects.append(k)  # a name the parser took for a preposition ("To Lam") is still a name
            elif tree.label(k, "preposition") or tree.label(k, "oblique"):
                for noun, preps in tree.nominals(k):
                    words = {toks[p].text.casefold() for p in preps}
                    spelled = words & prepositions or any(p in inside for p in preps)
                    if spelled and (locative_objects or not words & locatives):
                        objects.append(noun)
    # "Putin arrived in Hanoi and met To Lam", "Modi plans to visit France": the subject of the verb above
    # but "Modi urged Japan to support India": a verb complement's subject is the object of the
    # verb above where it has one (object control), not that verb's subject; a coordinated verb on
    # the way up goes back to the subject ("asked Japan to pay and invited Scholz": Modi invites)
    j, steps, controlled = root, 0, True
    while not subjects and tree.label(j, "shared_subject") and toks[j].head is not None and steps < 3:
        controlled = controlled and tree.label(j, "object_control")
        j, steps = toks[j].head, steps + 1
        subjects = (controlled and tree.children(j, "object")) or \
            tree.children(j, "subject") + tree.children(j, "passive_subject")
    # "Macron, who met Scholz", "Xi, whom Putin received", "Scholz, accompanied by Baerbock": a
    # clause on a noun speaks of that noun, through a relative pronoun or in the slot it leaves open
    if tree.label(root, "relative_clause") and toks[root].head is not None:
        antecedent = toks[root].head
        subjects = [antecedent if tree.arg[x] is None and toks[x].pos == "PRON" else x for x in subjects]
        objects = [antecedent if tree.arg[x] is None and toks[x].pos == "PRON" else x for x in objects]
        if not subjects:
            subjects = [antecedent]
        elif not objects and antecedent not in subjects and not passive:
            objects = [antecedent]
    subject_args = [a for s in subjects for a in tree.stand_for(s)]
    object_args = [a for o in objects for a in tree.stand_for(o)]
    agent_args = [a for g in agents for a in tree.stand_for(g)]
    if passive:
        # "Modi was awarded the Legion of Merit by ...": a passive's object is the thing given, not who got it
        doers, undergoers = agent_args, subject_args or object_args
    else:
        doers, undergoers = subject_args, object_args
    doers = list(dict.fromkeys(doers))
    undergoers = [a for a in dict.fromkeys(undergoers) if a not in doers]
    return DepArgs(tuple(doers), tuple(undergoers), passive, _negated(tree, root, lang), root)


def _allowed(relation: str, slot: str) -> frozenset[str]:
    from .patterns import signatures

    types = signatures()[relation][0 if slot == "S" else 1]
    # a capital may stand for its state, except as the place one visits (as in patterns._slot)
    if "Country" in types and (slot == "S" or relation != "visited"):
        types = types | {"City"}
    return types


def parse_slots(match: Match, dep: DepArgs, types: list[str]) -> tuple[list[int], list[int]] | None:
    """The match's subject and object read from the parse, or None where the parse does not give
    a well-formed answer (a subject and an object of the types ontology/signatures.tsv allows,
    or two subjects of a symmetric relation). The row tells which slot its grammatical subject
    fills: "{O} told {S}" and "{O} ... thanked {S}" turn an active clause around, a passive row
    ("{O} was received by {S}") does not, since the parse already reads a passive's agent."""
    from newskg.ontology.relations import SYMMETRIC

    if match.pre is None:
        return None
    doers, undergoers = list(dep.agents), list(dep.patients)
    if match.pre == "O" and not dep.passive:
        doers, undergoers = undergoers, doers
    subj = [a for a in doers if types[a] in _allowed(match.relation, "S")]
    obj = [a for a in undergoers if types[a] in _allowed(match.relation, "O")]
    if subj and obj:
        return subj, obj
    if match.relation in SYMMETRIC and len(subj) >= 2 and not undergoers:
        return subj, []
    return None


def with_parse(matches: list[Match], masked: str, offsets: list[int], sent: Sentence,
               args: list[tuple[int, int, str]], lang: str) -> list[Match]:
    """Pattern matches with their arguments read from the parse where the sentence has one and
    it answers well-formed; plus the triggers whose pattern found no arguments but whose parse
    does. Without a parse the matches come back unchanged."""
    from dataclasses import replace

    from .model import Status
    from .patterns import row_words
    from .relations import find_triggers

    if not has_parse(sent) or not args:
        return matches
    spans = [(s, e) for s, e, _ in args]
    types = [t for _, _, t in args]

    def read(m: Match) -> tuple[DepArgs, tuple[list[int], list[int]]] | None:
        if m.trigger[0] >= len(offsets):
            return None
        trigger = (offsets[m.trigger[0]], offsets[max(m.trigger[0], m.trigger[1] - 1)] + 1)
        dep = find_arguments(sent, spans, trigger, lang, row_words(m.pattern), m.relation == "visited")
        slots = parse_slots(m, dep, types) if dep is not None else None
        return (dep, slots) if slots is not None else None

    def settled(m: Match, dep: DepArgs, slots: tuple[list[int], list[int]]) -> Match:
        status = Status.DENIED if dep.negated and m.status is None else m.status
        return replace(m, subjects=slots[0], objects=slots[1], status=status)

    out, claimed = [], set()
    for m in matches:
        found = read(m)
        if found is not None:
            m = settled(m, *found)
            claimed.add((m.relation, found[0].root))
        out.append(m)
    for m in find_triggers(masked, lang):
        if any(o.relation == m.relation and o.trigger[0] < m.trigger[1] and m.trigger[0] < o.trigger[1]
               for o in matches):
            continue
        found = read(m)
        if found is not None and (m.relation, found[0].root) not in claimed:
            claimed.add((m.relation, found[0].root))
            out.append(settled(m, *found))
    return out
