"""Values of a closed kind, compared word by word, and Schoenflies point groups.

Two plain names are different answers only as two values of one closed class (``red`` and
``green``, ``SN1`` and ``SN2``, ``increases`` and ``decreases``: :data:`VALUE_CLASSES`), and two
point groups (``C2v``, ``D_{3h}``) only as different symbols. Used by
:mod:`drqa.labeling.names`.
"""

from __future__ import annotations

import re

from drqa.labeling.lexicon import SCRIPT_DIGITS

_FOLD = re.compile(r"[\s_{}$\\]+")


def fold_key(name: str) -> str:
    """Lower case, sub/superscripts as digits, spacing and markup removed."""
    return _FOLD.sub(" ", name.translate(SCRIPT_DIGITS).lower()).strip(" .")


def formula_key(formula: str) -> str:
    """A formula with its case, sub/superscripts as digits, spacing and markup removed; a
    formula key never equals a name key (it keeps an upper-case letter or is marked)."""
    return "=" + _FOLD.sub("", formula.translate(SCRIPT_DIGITS)).strip(" .")


_POINT_GROUP = re.compile(r"[cds](?:\d+|∞|inf)[vhd]?|c[si]|t[dh]|[oi]h")


def point_group(text: str) -> str | None:
    """A Schoenflies point group (``C2v``, ``D_{3h}``, ``C₂ₕ``, ``Td``) in one spelling, else
    None."""
    text = text.replace("\\infty", "∞").translate(SCRIPT_DIGITS)
    folded = re.sub(r"[\s_{}$]|\\(?:mathrm|text)", "", text).lower()
    folded = folded.translate(str.maketrans("ₕᵥₛᵢ", "hvsi"))
    return folded if folded and _POINT_GROUP.fullmatch(folded) else None


def member_verdict(read, gold: str, answer: str, what: str) -> tuple[str, str] | None:
    """Both sides members of one closed class (``read`` gives a member's one spelling, else
    None): the same member is correct, another incorrect (``the same <what>``, ``different
    <what>s``); else None."""
    gold_member, answer_member = read(gold), read(answer)
    if gold_member is None or answer_member is None:
        return None
    if gold_member == answer_member:
        return "correct", f"the same {what}"
    return "incorrect", f"different {what}s"


def point_group_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two point groups: the same symbol is correct, another is incorrect; else None."""
    return member_verdict(point_group, gold, answer, "point group")


_GROUP_WORDS = re.compile(r"\bpoint[\s-]+group\b", re.I)
_GROUP_DOUBT = re.compile(
    r"\b(?:not|no|never|or|either|unless|if|than|from|lowers?|lowered)\b|\?", re.I
)  # a negation, a hedge, a comparison or a change of group
_GROUP_TOKEN = re.compile(
    r"\$[^$]{1,16}\$|\\\((?:(?!\\\)).){1,16}\\\)|(?<![\w\\])[A-Za-z][\w{}₀-₉ₕᵥₛᵢ∞]{0,8}"
)  # $D_{2h}$, \(C_{2v}\), D2h, C₂ᵥ: each a candidate symbol


def stated_point_group_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A point-group gold against a sentence that names a point group (``... belongs to the
    $C_{3v}$ point group.``): its one symbol decides; none or several, a negation, a hedge or a
    change of group (``from Oh to D4h``) leave it to a reader (None)."""
    gold_group = point_group(gold)
    if gold_group is None or len(answer) > 300 or not _GROUP_WORDS.search(answer):
        return None
    if _GROUP_DOUBT.search(answer):
        return None
    groups = {group for token in _GROUP_TOKEN.findall(answer) if (group := point_group(token))}
    if len(groups) != 1:
        return None
    if groups.pop() == gold_group:
        return "correct", "the point group the sentence names"
    return "incorrect", "another point group named in the sentence"


_CLASSES = (
    "red orange yellow green blue indigo violet purple white black brown pink colorless colourless;"
    "increase increases increased increasing decrease decreases decreased decreasing;"
    "singlet doublet triplet quartet quintet sextet septet octet nonet multiplet;"
    "doubles halves triples quadruples doubled halved tripled quadrupled; higher lower;"
    "faster slower; stronger weaker; larger smaller; longer shorter; more less; heavier lighter;"
    "hotter colder; yes no; true false; positive negative; left right; up down;"
    "clockwise counterclockwise anticlockwise; acidic basic neutral; endothermic exothermic;"
    "paramagnetic diamagnetic; polar nonpolar non-polar; chiral achiral; cis trans; odd even;"
    "attractive repulsive; stable unstable; oxidation reduction; oxidized reduced;"
    "oxidised reduced; major minor; dominant recessive; sn1 sn2 e1 e2 e1cb;"
    "zero-order first-order second-order third-order; kinetic thermodynamic;"
    "spontaneous nonspontaneous non-spontaneous; bonding antibonding nonbonding; ortho meta para;"
    "syn anti; axial equatorial; concave convex; converging diverging; real virtual;"
    "upright inverted; elastic inelastic; reversible irreversible;"
    "isothermal adiabatic isobaric isochoric; ferromagnetic antiferromagnetic;"
    "transverse longitudinal; series parallel; nonsense missense silent frameshift;"
    "mitosis meiosis; interphase prophase prometaphase metaphase anaphase telophase;"
    "exon intron; purine pyrimidine; haploid diploid triploid; prokaryotic eukaryotic;"
    "competitive uncompetitive noncompetitive; alpha beta gamma delta epsilon zeta eta theta"
    " kappa lambda mu nu xi pi rho sigma tau phi chi psi omega"
)
VALUE_CLASSES = tuple(frozenset(words.split()) for words in _CLASSES.split(";"))
"""Closed classes of values: two different words of one class are different answers of one
kind (``red``/``green``, ``SN1``/``SN2``, ``increases``/``decreases``)."""
_FILLER = frozenset(("the", "a", "an", "it", "its", "is", "are", "was", "be", "of", "to", "and"))


def _class_of(word: str) -> int | None:
    return next((k for k, words in enumerate(VALUE_CLASSES) if word in words), None)


def kind_values_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two plain phrases word by word: equal words, or words of one class of
    :data:`VALUE_CLASSES`, and at least one pair that differs in its class is ``incorrect``
    (``weaker - slower`` against ``weaker, faster``); else None."""
    tokens = [
        [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold_key(side)) if w not in _FILLER]
        for side in (gold, answer)
    ]
    if not tokens[0] or len(tokens[0]) != len(tokens[1]):
        return None
    differs = False
    for g, a in zip(*tokens, strict=True):
        if g == a:
            continue
        kind = _class_of(g)
        if kind is None or kind != _class_of(a) or _stem(g) == _stem(a):
            return None
        differs = True
    return ("incorrect", "different values of one kind") if differs else None


_SUBJECTS = frozenset(("it", "they", "this", "that", "there", "would", "will", "should", "must",
                       "become", "becomes", "get", "gets", "so", "therefore", "thus"))  # fmt: skip


def class_value_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A gold that is one value of a class of :data:`VALUE_CLASSES` (``increases``) against an
    answer saying only that a value holds (``It increases.``, ``It would become slower.``):
    the same word (any inflection) is ``correct``, another of the class ``incorrect``; an answer
    naming a subject, comparing (``than``), negating or hedging says more: None."""
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold_key(gold)) if w not in _FILLER]
    kind = _class_of(words[0]) if len(words) == 1 else None
    if kind is None or len(answer) > 80:  # "does not", "than", "or": words beside the value
        return None
    said = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold_key(answer))
    said = [w for w in said if w not in _FILLER and w not in _SUBJECTS]
    if len(said) != 1 or _class_of(said[0]) != kind:
        return None  # anything else says more than a value
    if _stem(said[0]) == _stem(words[0]):
        return "correct", "the same value of one kind, stated"
    return "incorrect", "different values of one kind, stated"


_MULTIPLETS = {"singlet": "s", "doublet": "d", "triplet": "t", "quartet": "q", "quintet": "p",
               "sextet": "h", "septet": "hept", "multiplet": "m"}  # fmt: skip
_SPLITTING = re.compile(r"[sdtqm]{2,4}")  # dd, dt, tt, ddd: a splitting pattern abbreviated


def multiplicity(text: str) -> str | None:
    """An NMR multiplicity as its letter code (``triplet of triplets`` and ``tt`` -> ``tt``,
    ``a doublet of doublets`` -> ``dd``), else None."""
    words = [w for w in re.findall(r"[a-z]+", fold_key(text)) if w not in ("a", "an")]
    if re.search(r"\d", text):  # 3 mm is a length
        return None
    if len(words) == 1 and _SPLITTING.fullmatch(words[0]):
        return words[0]
    codes = [
        _MULTIPLETS.get(w if k == 0 else w.removesuffix("s")) for k, w in enumerate(words[::2])
    ]
    if not words or None in codes or any(w != "of" for w in words[1::2]) or len(words) % 2 == 0:
        return None
    return "".join(codes)


_HYBRID = re.compile(r"(?:d2)?sp[23]?(?:d2?)?")


def hybridisation(text: str) -> str | None:
    """An orbital hybridisation in one spelling (``sp^2``, ``sp²``, ``sp^{3}d`` -> ``sp3d``)."""
    plain = re.sub(r"[\s^{}$]|\\[()]|\\(?:mathrm|text)", "", text.translate(SCRIPT_DIGITS))
    return plain.lower() if _HYBRID.fullmatch(plain.lower()) else None


def multiplicity_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two NMR multiplicities (:func:`multiplicity`; a one-letter code against a spelled-out
    gold, an aside in brackets aside) or two hybridisations: the same code is correct, another
    is incorrect (a triplet is no triplet of triplets, sp no sp2); else None."""
    if hybridisation(gold) and hybridisation(answer):
        same = hybridisation(gold) == hybridisation(answer)
        return ("correct", "the same multiplicity or hybridisation") if same else _OTHER_CODE
    answer = _ASIDE_AT_END.sub("", answer)
    gold_code, answer_code = multiplicity(gold), multiplicity(answer)
    if gold_code and answer.strip().lower() in _MULTIPLETS.values():  # "quartet" against "q"
        answer_code = answer.strip().lower()
    if gold_code is None or answer_code is None:
        return None
    if gold_code == answer_code:
        return "correct", "the same multiplicity or hybridisation"
    return _OTHER_CODE


_OTHER_CODE = ("incorrect", "different values of one kind (multiplicities, hybridisations)")
_ASIDE_AT_END = re.compile(r"\s*\([^()]{1,40}\)\s*$")  # "a quartet (J ≈ 7 Hz)"


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|es|ed|e|s|d)$", "", word)


ELEMENTS = frozenset(
    re.findall(
        r"[A-Z][a-z]?",
        "HHeLiBeBCNOFNeNaMgAlSiPSClArKCaScTiVCrMnFeCoNiCuZnGaGeAsSeBrKrRbSrYZrNbMoTcRuRhPdAgCdIn"
        "SnSbTeIXeCsBaLaCePtAuHgTlPbBiUD",
    )
)  # the element symbols a formula in an answer uses (D for deuterium)
_FORMULA_TERM = re.compile(r"([A-Z][a-z]?)(\d*)")
_PLAIN_FORMULA = re.compile(r"(?:[A-Z][a-z]?\d*){2,}")


def formula_counts(text: str) -> dict[str, int] | None:
    """Element counts of a plain molecular formula (``LiAlH4``, ``NaBH₄``, ``H_2SO_4``), else
    None: brackets, charges, unknown symbols, or an acronym that spells elements (``NBS``,
    ``PCC``: a formula here holds a count or a two-letter element)."""
    plain = re.sub(r"[\s_{}$]|\\[()]|\\(?:mathrm|text)", "", text.translate(SCRIPT_DIGITS))
    if not _PLAIN_FORMULA.fullmatch(plain):
        return None
    counts: dict[str, int] = {}
    for symbol, count in _FORMULA_TERM.findall(plain):
        if symbol not in ELEMENTS:
            return None
        counts[symbol] = counts.get(symbol, 0) + int(count or 1)
    if not re.search(r"\d|[A-Z][a-z]", plain):
        return None
    return counts


def formula_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two plain formulas with different element counts name different substances
    (``incorrect``); the same counts may be isomers (None: the caller abstains)."""
    gold_counts, answer_counts = formula_counts(gold), formula_counts(answer)
    if gold_counts and answer_counts and gold_counts != answer_counts:
        return "incorrect", "different formulas"
    return None


SUBSTITUENT_SYNONYMS: dict[str, str] = {
    "propan-2-yl": "isopropyl", "1-methylethyl": "isopropyl", "iso-propyl": "isopropyl",
    "i-propyl": "isopropyl", "butan-2-yl": "sec-butyl", "1-methylpropyl": "sec-butyl",
    "s-butyl": "sec-butyl", "2-methylpropan-2-yl": "tert-butyl", "1,1-dimethylethyl": "tert-butyl",
    "t-butyl": "tert-butyl", "2-methylpropyl": "isobutyl", "ethenyl": "vinyl",
    "prop-2-en-1-yl": "allyl", "prop-2-enyl": "allyl", "phenylmethyl": "benzyl",
    "ethanoyl": "acetyl", "methanoyl": "formyl", "propanoyl": "propionyl",
    "propanoate": "propionate", "ethanoate": "acetate", "propanoic": "propionic",
    "ethanoic": "acetic", "(e)-": "trans-", "(z)-": "cis-",
}  # fmt: skip
"""Substituent and ester names written two ways: one spelling each, before parts compare."""
_SYNONYM = re.compile(  # at a word's start: t-butyl is no part of tert-butyl
    "(?<![a-z])(?:"
    + "|".join(re.escape(k) for k in sorted(SUBSTITUENT_SYNONYMS, key=len)[::-1])
    + ")"
)


def substituent_synonyms(key: str) -> str:
    """A folded name with each substituent synonym in its one spelling."""
    return _SYNONYM.sub(lambda m: SUBSTITUENT_SYNONYMS[m.group()], key)
