"""Who is speaking in a sentence, and when two linked sentences are two people's statements.

May import: the standard library and ``viewer.core.normalize``. Must not import: Qt.

News attributes statements with a handful of patterns: "Shipenko called the film ...",
"... , said Anton Shkaplerov", "Speaking on Monday, Peresild acknowledged that ...",
"according to Roscosmos". ``speakers`` finds the capitalised name next to a verb of saying in
those patterns; a pronoun ("he said") or a title alone ("the minister said") names nobody, and
then nothing is claimed. ``different_speakers`` is the rule that keeps two outlets' reports of
one press conference from being linked statement to statement: both sentences name a speaker,
neither speaker is so much as mentioned in the other sentence, and once names and verbs of
saying are set aside the two share little of their content (``SHARED_CONTENT_MAX``). A quote
that one outlet gives to someone else, in the same words, still shares most of its content and
stays linked.
"""

from __future__ import annotations

import re

from viewer.core.normalize import STOP_WORDS, SentenceForms, fold_quotes, stem

# Verbs of saying in the forms news uses them (the stem set below also catches "tells", "adds").
SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states",
        "explained", "explains", "noted", "notes", "called", "calls", "acknowledged",
        "acknowledges", "admitted", "admits", "conceded", "concedes", "insisted", "insists",
        "argued", "argues", "claimed", "claims", "warned", "warns", "stressed", "stresses",
        "declared", "declares", "announced", "announces", "confirmed", "confirms", "denied",
        "denies", "wrote", "writes", "recalled", "recalls", "described", "describes", "quipped",
        "joked", "remarked", "commented", "observed", "suggested", "suggests", "urged", "urges",
        "replied", "replies", "responded", "responds", "predicted", "predicts", "vowed", "vows",
        "promised", "promises", "complained", "complains", "praised", "praises", "criticised",
        "criticized", "believes", "believed", "thinks", "thought", "hopes", "hoped",
        "according",
    ]
)  # fmt: skip
_SPEECH_STEMS = frozenset(stem(v) for v in SPEECH_VERBS)
# Up to this many lowercase title words between a verb and the name after it
# ("said director Klim Shipenko"), or before the name ahead of it ("director Shipenko said").
TITLE_WORDS_MAX = 3
# Share of the smaller side's content (names and verbs of saying aside) the two sentences may
# share and still be two different people's statements. Set on constructed cases
# (tests/core/test_speakers.py): different statements at one event share a setting
# ("a news conference on Monday": 2-3 of 10-15 content words), a quote retold shares most.
SHARED_CONTENT_MAX = 0.4

_TOKEN_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|[,;:()\"]", re.UNICODE)
_CAPITALISED_RE = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0400-\u042f]")
_NOT_NAMES = STOP_WORDS | {"but", "and", "yet", "though", "although", "because"}


def _is_name(token: str) -> bool:
    return bool(_CAPITALISED_RE.match(token)) and token.lower() not in _NOT_NAMES


def _name_before(tokens: list[str], verb: int) -> list[str]:
    """The capitalised words just before ``verb``, over a few lowercase title words."""
    k = verb - 1
    name: list[str] = []
    while k >= 0 and _is_name(tokens[k]):
        name.append(tokens[k])
        k -= 1
    return name


def _name_after(tokens: list[str], verb: int) -> list[str]:
    """The capitalised words right after ``verb``, over a few lowercase title words."""
    k = verb + 1
    if k < len(tokens) and tokens[verb].lower() == "according" and tokens[k].lower() == "to":
        k += 1
    skipped = 0
    while (
        k < len(tokens)
        and skipped < TITLE_WORDS_MAX
        and tokens[k].isalpha()
        and tokens[k].islower()
        and tokens[k] not in ("that", "to", "he", "she", "they", "it", "on", "in", "at", "the")
    ):
        k += 1
        skipped += 1
    name: list[str] = []
    while k < len(tokens) and _is_name(tokens[k]):
        name.append(tokens[k])
        k += 1
    return name


def speakers(text: str) -> frozenset[str]:
    """Lowercased words of the names a sentence attributes a statement to; empty when none."""
    tokens = _TOKEN_RE.findall(fold_quotes(text).replace("'s ", " "))
    found: set[str] = set()
    for position, token in enumerate(tokens):
        lowered = token.lower()
        if lowered not in SPEECH_VERBS:
            continue
        if lowered != "according":
            found.update(_name_before(tokens, position))
        found.update(_name_after(tokens, position))
    return frozenset(word.lower() for word in found)


def _content(forms: SentenceForms, names: frozenset[str]) -> set[str]:
    dropped = {stem(n) for n in names} | _SPEECH_STEMS
    return {t for t in forms.content if t not in dropped}


def different_speakers(a_forms: SentenceForms, b_forms: SentenceForms) -> bool:
    """True when the two sentences are statements of two different people with little in common.

    Both must name a speaker, neither speaker's name may occur in the other sentence, and the
    content they share (names and verbs of saying aside) must be at most ``SHARED_CONTENT_MAX``
    of the smaller side's.
    """
    speakers_a, speakers_b = speakers(a_forms.folded), speakers(b_forms.folded)
    if not speakers_a or not speakers_b:
        return False
    words_a, words_b = set(a_forms.key.split()), set(b_forms.key.split())
    if speakers_a & words_b or speakers_b & words_a:
        return False
    content_a = _content(a_forms, speakers_a | speakers_b)
    content_b = _content(b_forms, speakers_a | speakers_b)
    smaller = min(len(content_a), len(content_b))
    if not smaller:
        return False
    return len(content_a & content_b) <= SHARED_CONTENT_MAX * smaller


def statements_apart(a_forms: SentenceForms, b_forms: SentenceForms) -> bool:
    """``different_speakers``, with the cheap checks first: most links are never in question."""
    if a_forms.key == b_forms.key:
        return False
    if _SPEECH_STEMS.isdisjoint(a_forms.tokens) or _SPEECH_STEMS.isdisjoint(b_forms.tokens):
        return False  # a sentence without a verb of saying names no speaker
    content_a, content_b = set(a_forms.content), set(b_forms.content)
    shared = content_a & content_b
    # The speakers' names are on one side only, so setting names and verbs of saying aside
    # takes from the shared content no more than the shared verbs: past the limit with them
    # set aside, the pair shares too much whatever the names.
    if len(shared) - len(shared & _SPEECH_STEMS) > SHARED_CONTENT_MAX * min(
        len(content_a), len(content_b)
    ):
        return False
    return different_speakers(a_forms, b_forms)
