"""Deterministic news-like source articles and rewrites of them, with the true alignment.

May import: the standard library only. Used by ``bench_engine.py`` (speed, memory, link F1) and
by the engine tests (link F1 floor). The same ``seed`` always gives the same texts and truth.

Each source article has its own cast (people, organisation, place) reused across its sentences,
as real stories repeat their names, so TF-IDF over the two documents behaves as it does on news.
The rewrite keeps, lightly edits, paraphrases (synonyms, clause swaps, reported speech), splits,
merges, moves, drops and changes numbers of sentences, and adds new ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST = """
    Anna Boris Carla Daniel Elena Farid Grace Hiro Ines Jonas Karim Lena Marco Nadia Omar Petra
    Quentin Rosa Samir Tara Ulrich Vera Walter Ximena Yusuf Zofia Aleksei Bianca Chen Dmitri Esther
    Felipe Gustav Hana Ivan Julia Kofi Lars Mei Nikolai
""".split()
LAST = """
    Petrov Schmidt Rossi Tanaka Okafor Haddad Novak Lindqvist Moreau Garcia Kowalski Ivanova Bauer
    Costa Dubois Fischer Green Horvat Jensen Kim Larsen Meyer Nilsen Olsen Park Quinn Reyes Silva
    Torres Ueda Varga Weber Young Zhang Abbott Brennan Castillo Duarte Eriksen
""".split()
PLACES = """
    Moscow Berlin Lagos Lima Oslo Nairobi Dhaka Quito Hanoi Riga Tunis Accra Manila Sofia Kyiv Minsk
    Baku Tbilisi Almaty Tashkent Bogota Caracas Havana Dakar Harare Lusaka
""".split()
ORGS = (
    "the central bank",
    "the health ministry",
    "the state oil company",
    "the space agency",
    "the football federation",
    "the election commission",
    "the national railway",
    "the stock exchange",
    "the university hospital",
    "the port authority",
    "the weather service",
    "the defence ministry",
    "the airline",
    "the mining group",
    "the telecoms regulator",
)
NOUNS = (
    "contract",
    "budget",
    "report",
    "vaccine",
    "pipeline",
    "satellite",
    "stadium",
    "bridge",
    "reform",
    "merger",
    "strike",
    "drought",
    "festival",
    "election",
    "trial",
    "mission",
    "loan",
    "tariff",
    "rescue",
    "investigation",
    "shipment",
    "scheme",
    "factory",
    "network",
)
MONTHS = """
    January February March April May June July August September October November December
""".split()

# A rewrite swaps these both ways; multi-word entries are replaced as phrases.
SYNONYMS = (
    ("said", "stated"),
    ("announced", "revealed"),
    ("plans to", "intends to"),
    ("increase", "rise"),
    ("company", "firm"),
    ("in a bid to", "in an attempt to"),
    ("take off", "take out"),
    ("beat", "defeat"),
    ("about", "around"),
    ("buy", "purchase"),
    ("help", "assist"),
    ("begin", "start"),
    ("officials", "authorities"),
    ("expected", "set"),
    ("warned", "cautioned"),
    ("large", "big"),
    ("said on", "declared on"),
    ("rejected", "dismissed"),
    ("agreed", "consented"),
    ("criticised", "condemned"),
    ("launched", "started"),
    ("talks", "negotiations"),
    ("money", "funds"),
    ("quickly", "rapidly"),
    ("show", "reveal"),
    ("residents", "locals"),
    ("cost", "price"),
    ("build", "construct"),
    ("city", "capital"),
    ("biggest", "largest"),
    ("approved", "endorsed"),
    ("delayed", "postponed"),
)

TEMPLATES = (
    "{person} said on {day} that {org} would {verb} the {noun} by {month}.",
    "{org_cap} announced a {number} million dollar {noun} in {place} on {day}.",
    "The {noun}, which had been delayed since {month}, "
    "is expected to cost about {number} million dollars.",
    "Officials in {place} said {count} people had been affected by the {noun}, "
    "up from {count2} a week earlier.",
    '"We will not accept this {noun}," {person} told reporters in {place}.',
    "{person}, {age}, has led {org} since {year} and plans to step down after the {noun}.",
    "Critics warned that the {noun} could increase prices in {place} and hurt small businesses.",
    "The {noun} in {place} is the biggest of its kind since {year}, according to {org}.",
    "{person} and {person2} met in {place} on {day} in a bid to end talks over the {noun}.",
    "Residents of {place} rejected the {noun} in a vote held in {month}, "
    "with {percent} percent against.",
    "If approved, the {noun} would help {org} build a new {noun2} near {place} by {year}.",
    "{org_cap} has agreed to buy a stake in the {noun} for {number} million dollars.",
    "Police in {place} said they had arrested {count} people after the {noun} on {day}.",
    "The {noun} was launched in {year} and has since grown to cover {count} towns around {place}.",
    "{person} criticised {org} for the {noun}, saying it would show how little money was left.",
    "Shares in {org} fell {percent} percent on {day} after the {noun} was delayed again.",
    "Compared with {year}, the {noun} now employs {count} workers across {place} and {place2}.",
    "A spokesperson for {org} declined to comment on the {noun} when asked on {day}.",
)
# Trailing clauses make sentences as long as agency copy (about 25 words on average).
CLAUSES = (
    "according to a statement released by {org}",
    "in a move that surprised analysts in {place}",
    "despite weeks of protests from residents and local business owners",
    "the latest in a series of setbacks for {person} and his allies",
    "a decision that could affect thousands of families across the region",
    "which officials described as the most ambitious plan in a generation",
    "although details of the {noun2} have not yet been made public",
    "as pressure mounted on {org} to explain the delays",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
VERBS = ("review", "approve", "expand", "cancel", "finance", "inspect", "complete", "suspend")


@dataclass
class Story:
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    links: set[tuple[int, int]] = field(default_factory=set)  # (left index, right index)


def _sentence(rng: random.Random, cast: dict[str, str]) -> str:
    template = rng.choice(TEMPLATES)
    noun, noun2 = rng.sample(NOUNS, 2)
    values = dict(
        person=cast["person"] if rng.random() < 0.6 else f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        person2=cast["person2"],
        org=cast["org"],
        org_cap=cast["org"][0].upper() + cast["org"][1:],
        place=cast["place"] if rng.random() < 0.7 else rng.choice(PLACES),
        place2=rng.choice(PLACES),
        noun=cast["noun"] if rng.random() < 0.5 else noun,
        noun2=noun2,
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        verb=rng.choice(VERBS),
        number=rng.randint(2, 990),
        count=rng.randint(3, 9000),
        count2=rng.randint(3, 9000),
        age=rng.randint(30, 79),
        year=rng.randint(1990, 2023),
        percent=rng.randint(2, 95),
    )
    text = template.format(**values)
    if rng.random() < 0.55 and text.endswith("."):
        text = text[:-1] + ", " + rng.choice(CLAUSES).format(**values) + "."
    return text


def _swap_synonyms(rng: random.Random, text: str, wanted: int) -> str:
    swaps = 0
    for a, b in rng.sample(SYNONYMS, len(SYNONYMS)):
        for old, new in ((a, b), (b, a)):
            if f" {old} " in f" {text} " and swaps < wanted:
                text = f" {text} ".replace(f" {old} ", f" {new} ", 1).strip()
                swaps += 1
                break
    return text


def _paraphrase(rng: random.Random, text: str) -> str:
    text = _swap_synonyms(rng, text, 3)
    body = text.rstrip(".")
    if '" ' in body and body.startswith('"'):  # direct -> reported speech
        quote, _, rest = body[1:].partition('," ')
        speaker = rest.split(" told")[0].split(" said")[0]
        return f"{speaker} said {quote[0].lower() + quote[1:]}."
    if ", " in body:  # clause swap
        head, _, tail = body.partition(", ")
        if tail and not tail[0].isdigit():
            return f"{tail[0].upper() + tail[1:]}, {head[0].lower() + head[1:]}."
    words = body.split()
    if len(words) > 6:
        cut = rng.randint(2, len(words) - 3)
        return " ".join([*words[cut:], "-", *words[:cut]]).replace(" - ", ", ") + "."
    return text


def _light_edit(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) < 5:
        return text
    position = rng.randint(1, len(words) - 2)
    action = rng.random()
    if action < 0.4:
        del words[position]
    elif action < 0.7:
        words.insert(position, rng.choice(("also", "now", "reportedly", "still", "already")))
    else:
        words[position] = rng.choice(("its", "the", "this", "that"))
    return " ".join(words)


def _change_numbers(rng: random.Random, text: str) -> str:
    out, changed = [], False
    for word in text.split(" "):
        digits = word.strip('.,"')
        if digits.isdigit() and not changed:
            word = word.replace(digits, str(int(digits) + rng.randint(1, 50)))
            changed = True
        out.append(word)
    return " ".join(out) if changed else text + f" It was the {rng.randint(2, 40)}th such case."


def _split(text: str) -> list[str] | None:
    body = text.rstrip(".")
    for marker in (", saying ", " and ", ", which ", " after ", ", up from "):
        head, found, tail = body.partition(marker)
        if found and len(head.split()) >= 4 and len(tail.split()) >= 3:
            return [head + ".", tail[0].upper() + tail[1:] + "."]
    return None


def story(seed: int, sentences: int) -> Story:
    """A source of about ``sentences`` sentences (articles of 8-20), its rewrite and true links."""
    rng = random.Random(seed)
    result = Story()
    while len(result.left) < sentences:
        cast = dict(
            person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            org=rng.choice(ORGS),
            place=rng.choice(PLACES),
            noun=rng.choice(NOUNS),
        )
        article = [_sentence(rng, cast) for _ in range(rng.randint(8, 20))]
        _rewrite_article(rng, cast, article, result)
    return result


def outlets(seed: int, sentences: int, count: int) -> tuple[list[str], list[list[str]]]:
    """One source article of ``sentences`` sentences and ``count`` different rewrites of it,
    each made as ``story`` makes its rewrite (kept, edited, paraphrased, split, merged,
    dropped, moved sentences, figures changed, sentences added), with its own random choices."""
    rng = random.Random(seed)
    cast = dict(
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        org=rng.choice(ORGS),
        place=rng.choice(PLACES),
        noun=rng.choice(NOUNS),
    )
    article = [_sentence(rng, cast) for _ in range(sentences)]
    rewrites = []
    for k in range(count):
        result = Story()
        _rewrite_article(random.Random(seed * 1000 + k), cast, article, result)
        rewrites.append(result.right)
    return article, rewrites


def _rewrite_article(
    rng: random.Random, cast: dict[str, str], article: list[str], result: Story
) -> None:
    base = len(result.left)
    result.left.extend(article)
    out: list[tuple[str, tuple[int, ...]]] = []  # rewrite sentences with their source indices
    held: list[tuple[str, tuple[int, ...]]] = []  # moved sentences waiting for a later place
    index = 0
    while index < len(article):
        text, source = article[index], base + index
        roll = rng.random()
        if roll < 0.35:
            out.append((text, (source,)))
        elif roll < 0.55:
            out.append((_light_edit(rng, text), (source,)))
        elif roll < 0.73:
            out.append((_paraphrase(rng, text), (source,)))
        elif roll < 0.78 and (parts := _split(text)):
            out.extend((part, (source,)) for part in parts)
        elif roll < 0.83 and index + 1 < len(article):
            second = article[index + 1]
            out.append(
                (
                    text.rstrip(".") + ", while " + second[0].lower() + second[1:],
                    (source, source + 1),
                )
            )
            index += 1
        elif roll < 0.88:
            pass  # dropped
        elif roll < 0.93:
            held.append((_swap_synonyms(rng, text, 1), (source,)))
        elif roll < 0.96:
            out.append((_change_numbers(rng, text), (source,)))
        else:
            out.append((text, (source,)))
            out.append((_sentence(rng, cast), ()))  # added
        index += 1
    for moved in held:
        out.insert(rng.randint(0, len(out)), moved)
    offset = len(result.right)
    for position, (text, sources) in enumerate(out):
        result.right.append(text[0].upper() + text[1:])
        for source in sources:
            result.links.add((source, offset + position))


def document_parts(sentences: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentences joined by single spaces, and each sentence's ``[start, end)`` span."""
    spans, position = [], 0
    for text in sentences:
        spans.append((position, position + len(text)))
        position += len(text) + 1
    return " ".join(sentences), tuple(spans)


def as_text(sentences: list[str], per_paragraph: int = 4) -> str:
    """Sentences joined into paragraphs (blank line between), as a plain-text article file."""
    paragraphs = [
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    ]
    return "\n\n".join(paragraphs) + "\n"


def link_scores(
    predicted: set[tuple[int, int]], truth: set[tuple[int, int]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted (left, right) links against the truth."""
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
