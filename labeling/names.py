"""Two names compared by their structure: decided only where their parts settle it.

Names are what rule-based matching most often gets wrong the other way (``acetic acid`` is
``ethanoic acid``, ``3-methyl-2-hexanone`` is ``3-methylhexan-2-one``): two names that differ as
written are ``incorrect`` only on positive evidence, else ``uncertain``:

- names of one row of :data:`EQUIVALENTS` (common, systematic, formula) are ``correct``;
- the same parts (letters and locants) in another order are for a reader, unless each locant
  numbers the same group (``but-1-ene``/``1-butene``, :mod:`drqa.labeling.locants`): correct;
- two systematic names with different parts name different compounds, unless their formulas
  allow one compound (:mod:`drqa.labeling.same_compound`); other formulas are ``incorrect``;
- a systematic name against a common name (no locant, no systematic ending, or a common stem
  such as ``acet-``, ``isopropyl``, ``toluene``) may be the same compound: ``uncertain``;
- two plain names (``Red``/``green``, ``Mutant 2``/``Mutant IV``) that differ are different,
  unless one holds every word of the other (``red``/``red light``); so are two plain formulas
  with other element counts (``LiAlH4``/``NaBH4``);
- a common parent inside a name is spelled out (``4-bromoanisole``, ``p-`` -> ``4-``, ``n-``);
  an implied locant 1 is for a reader (``ethan-1-ol``), on a ring's one group it is the name's;
- one skeleton apart only in stereodescriptors is ``incorrect`` only in one notation ((2R,3R)
  /(2S,3S), cis/trans), else ``uncertain`` (``meso`` against ``(2R,3S)``).
"""

from __future__ import annotations

import re

from drqa.labeling.condensed import condensed_counts, condensed_verdict
from drqa.labeling.locants import same_bindings
from drqa.labeling.name_classes import (  # noqa: F401 (point groups are read from here too)
    VALUE_CLASSES,
    formula_verdict,
    kind_values_verdict,
    point_group,
    point_group_verdict,
    substituent_synonyms,
)
from drqa.labeling.name_classes import fold_key as _key  # one name key for both modules
from drqa.labeling.name_classes import formula_key as _formula_key
from drqa.labeling.name_conventions import two_conventions
from drqa.labeling.name_formulas import EQUIVALENTS
from drqa.labeling.same_compound import names_formula_verdict

_TRIVIAL_STEMS = re.compile(
    r"(?:^|[^a-z]|yl|fluoro|chloro|bromo|iodo|nitro|amino|hydroxy|methoxy|ethoxy|cyano)"
    r"(?:acet|formic|formal|formamid|propion|butyr|valer|tolu|xyl|anil|anis|cresol"
    r"|cumene|mesityl|phthal|glycol|glycer|acryl|methacryl|salicyl|malon|succin|adip|glutar"
    r"|oxal|lact|pyruv|cinnam|male|fumar|tartar|citr)"
    r"|\b(?:ether|ketone|alcohol|chloride|bromide|iodide|fluoride|cyanide|anhydride|ester|oxide"
    r"|sulfide|peroxide)\b|ylene(?:\b|di|bis)|quinon|phenone"
)
"""Stems and words of common (trivial or functional-class) names."""

_LOCANT = re.compile(r"\d[\d,']*[a-z]?-[a-z(]|[a-z)]-\d|\((?:\d*[ezrs],?)+\)|\[\d[\d.,]*\]")
_SYSTEMATIC_END = re.compile(
    r"(?:ane|ene|yne|anol|enol|ol|anone|enone|one|anal|enal|al|oic acid|oate|amine|amide"
    r"|nitrile|benzene|ide|ine|ole|ium|ate|ite)$"
)
# a name without locants is systematic only when built on a systematic root (pinacolone,
# carvone, menthol end like systematic names but are trivial)
_SYSTEMATIC_ROOT = re.compile(
    r"(?:meth|eth|prop|but|pent|hex|hept|oct|non|dec)(?:a|e(?!$)|y)|cycl|benz|phen|naphth"
)  # a root with its ending: quinone holds no nonane
_TRIVIAL_ALKYL = re.compile(r"(?:iso|sec-|tert-|neo)(?:prop|but|pent|hex)(?!yl)")  # tert-butanol
_STEREO = re.compile(
    r"\((?:\d*[a-z]?[rsez](?:,\s*\d*[a-z]?[rsez])*|[±+-]|r\*?,s\*?)\)-?"
    r"|\b(?:meso|cis|trans|endo|exo|rac|syn|anti)\b-?"
)
"""Stereodescriptors (lower case, as :func:`_key` leaves them): ``(2R,3S)-``, ``(E)-``, ``meso-``,
``cis-``, ``endo-``, ``(±)-``."""
NOTATIONS = (frozenset("rs"), frozenset("ez"), frozenset(("cis", "trans")),
              frozenset(("endo", "exo")), frozenset(("syn", "anti")))  # fmt: skip
_ASIDE = re.compile(r"\s*\(([^()]{1,40})\)\s*\.?$")


_EQUIVALENT: dict[str, int] = {
    _key(name).replace(" ", "") if name.islower() else _formula_key(name): row
    for row, names in enumerate(EQUIVALENTS)
    for name in names
}


def _plain_systematic(common: str, name: str) -> bool:
    """``name`` spells ``common`` systematically without locants (``methoxybenzene``)."""
    return (
        name.islower()
        and not re.search(r"[\d \-]", name)
        and common not in name
        and name.endswith(("ane", "ene", "yne", "al", "ol", "one", "amine", "nitrile"))
    )


_COMMON_TO_SYSTEMATIC: dict[str, str] = {
    row[0]: systematic_form[0]
    for row in EQUIVALENTS
    if " " not in row[0]
    and row[0].islower()
    and (systematic_form := [n for n in row[1:] if _plain_systematic(row[0], n)])
}
"""One-word common names with a systematic name without locants (``anisole`` ->
``methoxybenzene``): read inside a larger name (``4-bromoanisole``) before parts compare."""
_COMMON_WORD = re.compile(
    rf"(?<![a-z])((?:[\d,]+-)?[a-z]*?)({'|'.join(map(re.escape, _COMMON_TO_SYSTEMATIC))})(?![a-z])"
)


_RING_LOCANTS = {"p": "4", "para": "4", "m": "3", "meta": "3", "ortho": "2"}
_RING_LOCANT = re.compile(r"(?<![a-z\d])(p|para|m|meta|ortho)-(?=[a-z])")  # p-, not O- or N-
_ORTHO = re.compile(r"(?<![A-Za-z\d])o-(?=[a-z])")  # lower-case o- is ortho (O- names an oxygen)
_NORMAL = re.compile(r"(?<![A-Za-z\d])n-(?=(?i:prop|but|pent|hex|hept|oct|non|dec))")  # n-propyl
_RING_ONE = re.compile(
    r"(cyclo(?:prop|but|pent|hex|hept|oct)(?:ane?|ene?|a)?(?:-[\d,]+-(?:di|tri)?(?:en|yn))*)-1-"
    r"(ol|one|al|amine|thiol|carbaldehyde|carboxylic acid|carbonitrile)$"
)  # a ring's one principal group is on its atom 1: cyclohexan-1-one is cyclohexanone


def _systematic_form(name: str) -> str:
    """``name`` with a common parent inside it spelled systematically (``4-bromoanisole`` ->
    ``4-bromomethoxybenzene``); a whole common name is left to :data:`EQUIVALENTS`."""
    key = _key(_ORTHO.sub("ortho-", _NORMAL.sub("", name)))  # normal chain: n-propyl = propyl

    def spelled(match: re.Match) -> str:
        if match.group(2) == key:  # the whole name: left to EQUIVALENTS
            return match.group()
        return match.group(1) + _COMMON_TO_SYSTEMATIC[match.group(2)]

    return _RING_LOCANT.sub(
        lambda m: _RING_LOCANTS[m.group(1)] + "-", _COMMON_WORD.sub(spelled, key)
    )


def equivalent(gold: str, answer: str) -> bool:
    """Both name one substance of :data:`EQUIVALENTS` (an aside such as a formula in brackets
    may name it instead: ``acetic acid (CH3COOH)``)."""
    gold_rows = {_EQUIVALENT.get(form) for form in _forms(gold)} - {None}
    return bool(gold_rows & ({_EQUIVALENT.get(form) for form in _forms(answer)} - {None}))


def _spellings(name: str) -> list[str]:
    """A name's systematic form and, for a name of :data:`EQUIVALENTS`, its row's names."""
    row = _EQUIVALENT.get(_key(name).replace(" ", ""))
    others = [] if row is None else [n for n in EQUIVALENTS[row] if n.islower()]
    return [_systematic_form(name), *others]


def _forms(name: str) -> list[str]:
    """The name, and the name and its trailing aside apart (``acetic acid (CH3COOH)``)."""
    aside = _ASIDE.search(name)
    forms = [name] + ([name[: aside.start()], aside.group(1)] if aside else [])
    return [key for form in forms for key in (_key(form).replace(" ", ""), _formula_key(form))]


def parts(name: str) -> tuple[str, str]:
    """The letters and the digits of a name, each sorted: the same parts in another order
    (``3-methylhexan-2-one`` and ``3-methyl-2-hexanone``) compare equal."""
    folded = substituent_synonyms(_key(name))
    return "".join(sorted(re.findall(r"[a-z]", folded))), "".join(sorted(re.findall(r"\d", folded)))


def systematic(name: str) -> bool:
    """A systematic name: locants or stereodescriptors, or a systematic ending, and no common
    stem (``toluene``, ``acetic acid``, ``isopropyl bromide`` are common names)."""
    folded = _key(name)
    if _TRIVIAL_STEMS.search(folded) or _TRIVIAL_ALKYL.search(folded):
        return False
    if _LOCANT.search(folded):
        return True
    return bool(_SYSTEMATIC_END.search(folded.split(" ")[-1]) and _SYSTEMATIC_ROOT.search(folded))


_ROMAN = re.compile(r"(?<![a-z])(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})(?![a-z])")  # polymerase iii
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii")


def _words_but_numbers(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", _ROMAN.sub(" ", _key(name))))


def _numerals(name: str) -> list[int]:
    """The numbers of a name in order, a Roman numeral as its value (type I is type 1)."""
    found = re.finditer(r"\d+|" + _ROMAN.pattern, _key(name))
    return [int(m.group()) if m.group().isdigit() else _ROMANS.index(m.group()) + 1 for m in found]


_FORMULA = re.compile(r"(?:[A-Z][a-z]?[₀-₉\d]*){2,}|[A-Z]{2,6}")  # NaCl, CO2, H₂O, DNA


def _structure_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """The verdict for two names that differ as written (see the module doc), or None when
    neither rule applies (the caller's rules decide)."""
    if equivalent(gold, answer):
        return "correct", "equivalent names"
    main = _ASIDE.sub("", answer) or answer
    if condensed_counts(gold) or condensed_counts(main):  # OHC-CH2-CO: no locants of a name
        return condensed_verdict(gold, main) or ("uncertain", "a name against a formula")
    gold, main = _systematic_form(gold), _systematic_form(main)
    if _RING_ONE.sub(r"\1\2", gold) == _RING_ONE.sub(r"\1\2", main):  # n-propylbenzene
        return "correct", "the same name in another form"  # a common parent, n-, a ring's 1
    if parts(gold) == parts(main) or parts(gold) == parts(answer):
        if same_bindings(gold, main) and descriptors(gold)[1] == descriptors(main)[1]:
            return "correct", "the same name in another form (each locant on its group)"
        return "uncertain", "the same parts in another order"
    by_stereo = stereo_verdict(gold, main)
    if by_stereo is not None:
        return by_stereo
    if _parts_but_ones(gold) == _parts_but_ones(main):  # ethan-1-ol / ethanol: an implied 1
        return "uncertain", "the same parts but for a locant 1"
    if parts(gold)[0] == parts(main)[0] and not (parts(gold)[1] and parts(main)[1]):
        return "uncertain", "the same parts but its locants unstated"  # buta-1,3-diene
    gold_systematic, answer_systematic = systematic(gold), systematic(main)
    by_formula = names_formula_verdict(_spellings(gold), _spellings(main))
    if by_formula is not None and (by_formula[0] == "incorrect" or gold_systematic):
        return by_formula  # other atoms, or one formula on other parents
    if two_conventions(_key(gold), _key(main)):
        return "uncertain", "a systematic name against one in another convention"
    if gold_systematic and answer_systematic:
        return "incorrect", "different systematic names"
    if gold_systematic != answer_systematic:
        return "uncertain", "a systematic name against a common name"
    gold_words, answer_words = _words_but_numbers(gold), _words_but_numbers(main)
    if gold_words == answer_words and gold_words and _numerals(gold) != _numerals(main):
        return "incorrect", "different names: the same words, other numbers"
    if (
        gold_words
        and answer_words
        and (set(gold_words) <= set(answer_words) or set(answer_words) <= set(gold_words))
    ):
        return "uncertain", "one name within the other"
    return None


def descriptors(name: str) -> tuple[str, list[str]]:
    """(the name without its stereodescriptors, the descriptors: R/S letters, E/Z, words)."""
    folded = _key(name)
    found: list[str] = []
    for match in _STEREO.finditer(folded):
        text = match.group().strip("()-")
        found += re.findall(r"[rsez](?![a-z])", text) if "(" in match.group() else [text]
    return _STEREO.sub("", folded), found


def stereo_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two names of one skeleton apart only in stereodescriptors: ``incorrect`` when both use
    one notation and differ as a multiset ((2R,3R) against (2S,3S)); else ``uncertain`` (meso
    against (2R,3S), (2R,3S) against (2S,3R), a descriptor on one side only); None when the
    skeletons differ."""
    (gold_rest, gold_found), (answer_rest, answer_found) = map(descriptors, (gold, answer))
    if not (gold_found or answer_found) or parts(gold_rest) != parts(answer_rest):
        return None
    for notation in NOTATIONS:
        one_notation = set(gold_found) <= notation and set(answer_found) <= notation
        if (
            one_notation
            and gold_found
            and answer_found
            and sorted(gold_found) != sorted(answer_found)
        ):
            return "incorrect", "different stereodescriptors of one notation"
    return "uncertain", "the same skeleton but for its stereodescriptors"


def _parts_but_ones(name: str) -> tuple[str, str]:
    letters, digits = parts(name)
    return letters, digits.replace("1", "")


def names_verdict(gold: str, answer: str) -> tuple[str, str]:
    """Two names that differ as written: the same words but for a plural, or a formula or an
    acronym against a spelled-out name (NaCl, DNA), are for a reader; systematic names and
    values of one kind decide (:mod:`drqa.labeling.names`); other plain names may be synonyms."""
    if _singular(gold) == _singular(answer):
        return "uncertain", "the same name but for a plural"
    by_structure = _structure_verdict(gold, answer)
    if by_structure is not None:
        return by_structure
    if any(_FORMULA.fullmatch(side.strip()) for side in (gold, answer)):  # LiAlH4 and NaBH4
        return formula_verdict(gold, answer) or ("uncertain", "a formula or an acronym")
    return kind_values_verdict(gold, answer) or ("uncertain", "different plain names")  # red/green


def _singular(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(re.sub(r"(?<=[a-z]{3})(?:es|s)$", "", word) for word in words)
