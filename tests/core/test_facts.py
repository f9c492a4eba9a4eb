"""Fact changes between two sentences: each kind, the normalisations that are no change, and
paraphrases that keep every fact; their spans, the reasons in words, and kinds that follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core import compare, document_from_text
from viewer.core.facts import block_fact_changes, fact_changes, fact_reasons
from viewer.core.model import FACT_KINDS, Kind

# (source, rewrite, the kinds of fact change expected, in FACT_KINDS order)
CASES: list[tuple[str, str, list[str]]] = [
    # figure: changed, added, dropped
    ("The 12-day mission ends soon.", "The 10-day mission ends soon.", ["figure"]),
    ("Shares fell 3 cents to $20.15.", "Shares fell 3 cents to $20.10.", ["figure"]),
    ("The storm killed 59 people.", "The storm killed 61 people.", ["figure"]),
    ("Profits rose 12 percent in the quarter.", "Quarterly profit rose by 13 percent.", ["figure"]),
    ("Some 30,000 people marched.", "Some 3,000 people marched.", ["figure"]),
    ("The deal is worth $5 billion.", "The deal is worth $5 million.", ["figure"]),
    ("Three soldiers were wounded.", "Four soldiers were wounded.", ["figure"]),
    ("The crew will spend 12 days in orbit.", "The crew will spend 12 weeks in orbit.", ["figure"]),
    ("It is the first film shot in orbit.", "It is the second film shot in orbit.", ["figure"]),
    ("Peresild, 37, and Shipenko trained.", "Peresild and Shipenko trained.", ["figure"]),
    ("The mission costs 3 million euros.", "The mission costs 4 million euros.", ["figure"]),
    ("Unemployment rose 5.4% in May.", "Unemployment rose 5% in May.", ["figure"]),
    # figure: normalisations that are no change
    ("Some 30,000 people marched.", "Some 30 000 people marched.", []),
    ("Growth was 5 percent last quarter.", "Growth was 5% last quarter.", []),
    ("Growth was 5 per cent last quarter.", "Growth was 5% last quarter.", []),
    ("The 12-day mission ends soon.", "The mission of 12 days ends soon.", []),
    ("It cost five billion dollars.", "It cost $5 billion.", []),
    ("Five people were hurt.", "5 people were hurt.", []),
    ("Seventeen people were hurt.", "17 people were hurt.", []),
    ("Twenty-five people were hurt.", "25 people were hurt.", []),
    ("It cost 5,000,000 dollars.", "It cost $5 million.", []),
    ("The index slipped 1.23 percent.", "The index slipped 1.2 percent.", []),
    ("One person was hurt.", "A person was hurt.", []),
    ("The convoy drove 110 km.", "The convoy drove 110 kilometres.", []),
    ("Sales reached $6.32 billion.", "Sales reached $6.3 billion.", []),
    # date: weekday, month, year, day of month, time, relative
    ("The crew took off on Tuesday.", "The crew took off on Wednesday.", ["date"]),
    ("The vote is set for June.", "The vote is set for July.", ["date"]),
    ("The law was passed in 2019.", "The law was passed in 2020.", ["date"]),
    ("The trial opens on October 5.", "The trial opens on October 6.", ["date"]),
    ("The rocket lifted off at 0600 GMT.", "The rocket lifted off at 07:00 GMT.", ["date"]),
    ("It happened last week.", "It happened yesterday.", ["date"]),
    ("The crew arrives today.", "The crew arrives on Saturday.", ["date"]),
    ("It was announced earlier this year.", "It was announced last year.", ["date"]),
    ("Talks resume tomorrow.", "Talks resume tonight.", ["date"]),
    # date: no change
    ("The rocket lifted off at 0600 GMT.", "The rocket lifted off at 06:00 GMT.", []),
    ("The rocket lifted off at 6 a.m.", "The rocket lifted off at 06:00.", []),
    ("The rocket lifted off at 1:55 p.m.", "The rocket lifted off at 13:55.", []),
    ("It lifted off at 0855 GMT.", "It lifted off at 9.55am UK time.", []),
    ("The vote is set for June.", "The vote is set for June 2022.", []),
    ("The crew took off on Tuesday.", "The crew took off.", []),
    ("The trial opens on October 5.", "The trial opens on 5 October.", []),
    # name: replaced, added, dropped
    ("Putin met Erdogan in Sochi.", "Putin met Erdogan in Ankara.", ["name"]),
    ("The crew flew from Baikonur.", "The crew flew from Plesetsk.", ["name"]),
    (
        "Klim Shipenko and Yulia Peresild trained.",
        "Klim Shipenko and Anna Ivanova trained.",
        ["name"],
    ),
    (
        "The deal was signed by Apple executives.",
        "The deal was signed by Google executives.",
        ["name"],
    ),
    (
        "The talks were held in Geneva on a rainy day.",
        "The talks were held on a rainy day.",
        ["name"],
    ),
    # name: no change
    ("Mr. Putin met the press.", "Putin met the press.", []),
    ("Vladimir Putin met the press.", "Putin met the press.", []),
    ("They flew to the International Space Station.", "They flew to the ISS.", []),
    ("Russian officials agreed.", "Officials in Russia agreed.", []),
    ("Russia's space agency agreed.", "The space agency of Russia agreed.", []),
    ("The team left Florida.", "The Florida-based team left.", []),
    ("Shares of Nestle rose.", "Shares of Nestlé rose.", []),
    # negation
    (
        "The plan is not safe, the minister said.",
        "The plan is safe, the minister said.",
        ["negation"],
    ),
    ("The drug was approved.", "The drug was never approved.", ["negation"]),
    ("The company did not accept the offer.", "The company accepted the offer.", ["negation"]),
    ("There was no evidence of fraud.", "There was evidence of fraud.", ["negation"]),
    # negation: no change
    ("The company did not accept the offer.", "The company rejected the offer.", []),
    ("He did not comment.", "He never commented.", []),
    ("He had no comment.", "He declined to comment.", []),
    ("Not only the crew but the film was ready.", "The crew and the film were ready.", []),
    ("I don't know anybody there, he said.", "I dont know anybody there, he said.", []),
    ("Residents had nothing but praise for her.", "Residents had high praise for her.", []),
    # quote
    ('"We will win," the minister said.', '"We shall prevail," the minister said.', ["quote"]),
    (
        '"We will defend these charges in court," he said.',
        "He said they would defend the charges in court.",
        ["quote"],
    ),
    (
        "He said they would defend the charges in court and win.",
        '"We will defend the charges in court and win," he said.',
        ["quote"],
    ),
    # quote: no change
    (
        '"We will win this war," the minister said.',
        '"We will win this war, whatever it costs," the minister said.',
        [],
    ),
    ('"We will win," the minister said.', "\u201cWe will win,\u201d the minister said.", []),
    (
        '"We will win this war, whatever it costs," the minister said.',
        '"We will win this war," the minister said.',
        [],
    ),
    (
        '"We will win ... whatever it costs," the minister said.',
        '"We will win this war, whatever it costs," the minister said.',
        [],
    ),
    # attribution
    (
        "The central bank governor said rates would rise.",
        "The finance minister said rates would rise.",
        ["attribution"],
    ),
    (
        "Rates will rise, according to Smith.",
        "Rates will rise, according to Jones.",
        ["attribution"],
    ),
    # attribution: no change
    ("Rates will rise, General Jeffrey said.", "Rates will rise, General Jeffery said.", []),
    ("The report said rates would rise.", "The document said rates would rise.", []),
    ("Rates will rise, Putin said.", "Rates will rise, the Russian president said.", []),
    ("Rates will rise, the agency said.", "Rates will rise, the group said.", []),
    ("Rates will rise, Mr. Smith said.", "Rates will rise, said Smith.", []),
    # hedged figures: agree within what the hedge allows, differ beyond it
    ("More than 6 percent of patients fell ill.", "About 6.4 percent of patients fell ill.", []),
    ("Some 55 men were arrested.", "About 57 men were arrested.", []),
    ("The ice shrinks nearly 10 percent a decade.", "The ice shrinks 9 percent a decade.", []),
    ("The fire burned more than 5,200 acres.", "The fire burned more than 5,270 acres.", []),
    ("About 300 workers were held.", "About 250 workers were held.", ["figure"]),
    (
        "The blast injured more than 150 people.",
        "The blast injured more than 100 people.",
        ["figure"],
    ),
    ("Sales topped over $2 billion.", "Sales topped $1.8 billion.", ["figure"]),
    ("Fines reach up to $120,000.", "Fines reach up to $11,000.", ["figure"]),
    # figures written other ways
    ("He paid a $10 million fine.", "He paid a $10-million fine.", []),
    ("Ozone reached .20 parts per million.", "Ozone reached 0.20 parts per million.", []),
    ("The trial lasted 2\u00bd weeks.", "The trial lasted 2 1/2 weeks.", []),
    ("The bond rose 1-3/32 points.", "The bond rose 1 3/32 points.", []),
    ("The bond rose 22/32 points.", "The bond rose 1-3/32 points.", ["figure"]),
    (
        "It restated its 2002, 2001 and 2000 results.",
        "It restated its 2000, 2001 and 2002 results.",
        [],
    ),
    ("The bribes were paid in 1985.", "The bribes were paid in the 1980s.", []),
    ("The bribes were paid in 1985.", "The bribes were paid in the 1990s.", ["date"]),
    ("They weighed 220 pounds (100 kg) each.", "They weighed 100 kilograms each.", []),
    (
        "Each had to lose between 30 and 80 pounds.",
        "Each had to lose between 14 and 36 kilograms.",
        [],
    ),
    ("The fire burned 80,000 hectares.", "The fire burned 200,000 acres.", []),
    # days told from two days of writing; "the last week of May" is no relative date
    (
        "The market rallied yesterday after the news.",
        "Stocks climbed today as the news spread.",
        [],
    ),
    ("Talks resume tomorrow.", "Talks resume today.", ["date"]),
    ("The crisis peaked this month.", "The crisis peaked in the last week of May.", []),
    # names: a people's adjective, an acronym spelled out, a time zone
    ("Police found an African boy.", "Police found a Nigerian boy.", []),
    ("Buyers trusted the Korean carmaker.", "Buyers trusted Hyundai.", []),
    (
        "The Securities and Exchange Commission asked for papers.",
        "The SEC asked for papers.",
        [],
    ),
    (
        "He works at the Centers for Disease Control and Prevention.",
        "He works at the CDC's Atlanta office.",
        [],
    ),
    ("The contest ran until 6 p.m. EDT.", "The contest ran until 6 p.m. EDT Sunday.", []),
    ("Shares of Nestle rose in Geneva.", "Shares of Nestle rose in Zurich.", ["name"]),
    ("They blamed al-Qaeda for the attack.", "They blamed al-Qaida for the attack.", []),
    # negation reworded, not dropped
    ("The spokesman wouldn't comment on Friday.", "The spokesman did not comment.", []),
    ("Neither I nor my film is biased, he said.", "He said he and his film are not biased.", []),
    (
        "Trade sanctions follow if the subsidies are not repealed.",
        "Trade sanctions follow unless the subsidies are repealed.",
        [],
    ),
    (
        "None of them was asked, nor was the mayor.",
        "None of them was asked and the mayor was not asked.",
        [],
    ),
    (
        "Holders get Palm shares for each share.",
        "Holders get Palm shares and no shares of PalmSource for each share.",
        [],
    ),
    (
        "No decisions had been made about the troops.",
        "Decisions have been made about the troops.",
        ["negation"],
    ),
    # quotations: the same words written otherwise, and words truly altered
    ('"We do not want this," he said.', '"We don\'t want this," he said.', []),
    ('"It took 2 years," she said.', '"It took two years," she said.', []),
    (
        '"We will roll out the [new] machines," he said.',
        '"We will roll out the machines," he said.',
        [],
    ),
    ('"They back multi-party rule," he said.', '"They back multiparty rule," he said.', []),
    (
        '"Nobody knows but me," he said.',
        '"Nobody knows but me, and that did not happen," he said.',
        [],
    ),
    ('"We feel it is necessary," she said.', '"We felt it is necessary," she said.', ["quote"]),
    (
        '"We will win," the minister said.',
        '"We will not win," the minister said.',
        ["negation", "quote"],
    ),
    # attribution: to whom it was said is not who said it
    ('"We won," he said to a standing ovation.', '"We won," he said to thunderous applause.', []),
    ("Initial reports said the gunmen fled.", "The army statement said the gunmen fled.", []),
    # paraphrases that keep every fact
    (
        "Russia on Tuesday is set to launch an actress into space.",
        "Russia plans to launch an actress into space on Tuesday.",
        [],
    ),
    (
        "The crew will spend 12 days aboard the station.",
        "For twelve days the crew will stay aboard the station.",
        [],
    ),
    (
        "Officials said the bridge would reopen next week.",
        "The bridge will reopen next week, officials said.",
        [],
    ),
    (
        "The company reported a profit of $5 billion for 2021.",
        "For 2021, the firm posted five billion dollars in profit.",
        [],
    ),
    (
        "Heavy rain flooded the streets of Paris.",
        "Streets in Paris were flooded by heavy rain.",
        [],
    ),
    (
        "The film, shot in orbit, premieres in May.",
        "The film premieres in May; it was shot in orbit.",
        [],
    ),
    (
        "MOSCOW: Russia launched the crew.",
        "Russia launched the crew, officials in Moscow said.",
        [],
    ),
]


def _kinds(source: str, rewrite: str) -> list[str]:
    return [change.kind for change in fact_changes(source, rewrite)]


@pytest.mark.parametrize(("source", "rewrite", "expected"), CASES)
def test_fact_changes_table(source: str, rewrite: str, expected: list[str]):
    assert _kinds(source, rewrite) == expected


def test_the_table_covers_every_kind_and_many_cases():
    assert len(CASES) >= 60
    assert {kind for _, _, kinds in CASES for kind in kinds} == set(FACT_KINDS)


@pytest.mark.parametrize(("source", "rewrite", "expected"), CASES)
def test_spans_lie_in_each_side(source: str, rewrite: str, expected: list[str]):
    for change in fact_changes(source, rewrite):
        assert change.source is not None or change.rewrite is not None
        for span, text in ((change.source, source), (change.rewrite, rewrite)):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
                assert text[span[0] : span[1]].strip() == text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("source", "rewrite", "spans"),
    [
        ("The 12-day mission ends soon.", "The 10-day mission ends soon.", [("12-day", "10-day")]),
        ("It cost $5 billion.", "It cost $6 billion.", [("$5 billion", "$6 billion")]),
        ("The plan is not safe, he said.", "The plan is safe, he said.", [("not", None)]),
        ("Talks resume on Tuesday.", "Talks resume on Friday.", [("Tuesday", "Friday")]),
        (
            "The talks were held in Geneva on a rainy day.",
            "The talks were held on a rainy day.",
            [("Geneva", None)],
        ),
    ],
)
def test_spans_cover_the_fact(source, rewrite, spans):
    found = []
    for change in fact_changes(source, rewrite):
        left = source[slice(*change.source)] if change.source else None
        right = rewrite[slice(*change.rewrite)] if change.rewrite else None
        found.append((left, right))
    assert found == spans


def test_reasons_in_words():
    source = '"We will win," the minister said of the 12-day mission.'
    rewrite = '"We shall prevail," the minister said of the 10-day mission.'
    changes = fact_changes(source, rewrite)
    assert fact_reasons(changes, source, rewrite) == "figure 12-day → 10-day; quotation altered"
    negation = fact_changes("It is not safe.", "It is safe.")
    assert fact_reasons(negation, "It is not safe.", "It is safe.") == "negation “not” removed"
    speech = fact_changes(
        '"We will defend these charges in court," he said.',
        "He said they would defend the charges in court.",
    )
    assert (
        fact_reasons(
            speech,
            '"We will defend these charges in court," he said.',
            "He said they would defend the charges in court.",
        )
        == "direct speech turned reported"
    )


def _compare(source: str, rewrite: str):
    return compare(document_from_text(source, "a"), document_from_text(rewrite, "b"))


def test_kinds_follow_the_facts():
    # Light edits that change a fact are never "meaning kept".
    for source, rewrite in [
        (
            "The crew took off on Tuesday from the cosmodrome.",
            "The crew took off on Wednesday from the cosmodrome.",
        ),
        ("The plan is not safe, the minister said.", "The plan is safe, the minister said."),
    ]:
        (block,) = [b for b in _compare(source, rewrite).blocks if b.source and b.rewrite]
        assert block.facts
        assert block.kind is Kind.PARTIAL


def test_normalised_equal_figure_does_not_make_a_pair_partial():
    comparison = _compare(
        "Growth was 5 percent last quarter, the bank said.",
        "Growth was 5% last quarter, the bank said.",
    )
    (block,) = comparison.blocks
    assert block.facts == ()
    assert block.kind in (Kind.IDENTICAL, Kind.EDITED)


def test_facts_index_the_documents_text():
    source = "Intro sentence here. The crew took off on Tuesday from the cosmodrome."
    rewrite = "Another intro. The crew took off on Friday from the cosmodrome."
    comparison = _compare(source, rewrite)
    changed = [b for b in comparison.blocks if b.facts]
    assert len(changed) == 1
    (change,) = changed[0].facts
    assert comparison.source.text[slice(*change.source)] == "Tuesday"
    assert comparison.rewrite.text[slice(*change.rewrite)] == "Friday"


# Real-edit style cases: sentences of the sample articles with one fact changed by an editor.
FACT_EDITS = Path(__file__).resolve().parent / "data" / "fact_edits.tsv"
# Measured: 51 of 53 labelled partial (96 %); the two misses are a duration added in a moved
# clause and a speaker named where the source said "she".
MIN_PARTIAL_SHARE = 0.85


def read_fact_edits() -> list[tuple[str, str, str]]:
    rows = []
    for line in FACT_EDITS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, rewrite, kind = line.split("\t")
            rows.append((source, rewrite, kind))
    return rows


def test_real_edits_with_a_changed_fact_are_partial():
    rows = read_fact_edits()
    assert len(rows) >= 50
    assert {kind for _, _, kind in rows} == set(FACT_KINDS)
    partial = 0
    for source, rewrite, _kind in rows:
        linked = [b for b in _compare(source, rewrite).blocks if b.source and b.rewrite]
        partial += bool(linked) and all(b.kind is Kind.PARTIAL for b in linked)
    assert partial / len(rows) >= MIN_PARTIAL_SHARE, f"{partial} of {len(rows)}"


FACT_WORDS = [
    "Russia",
    "launched",
    "the",
    "crew",
    "not",
    "never",
    "on",
    "Tuesday",
    "Friday",
    "last",
    "week",
    "12",
    "12-day",
    "five",
    "percent",
    "$5",
    "billion",
    "0855",
    "GMT",
    "Shipenko",
    "Mr.",
    "said",
    "according",
    "to",
    "\u201cwe",
    "will",
    "win\u201d",
    '"',
    "'",
    "won\u00b4t",
    "\u0130stanbul",
    "--",
]
fact_sentence = st.lists(st.sampled_from(FACT_WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws) + "."
)
fact_article = st.lists(fact_sentence, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(fact_article, st.text(max_size=120)), st.one_of(fact_article, st.text(max_size=120))
)
def test_facts_lie_in_their_blocks_sentences_and_kinds_follow(left_text, right_text):
    left, right = document_from_text(left_text, "left"), document_from_text(right_text, "right")
    comparison = compare(left, right)
    for block in comparison.blocks:
        if not (block.source and block.rewrite):
            assert block.facts == ()
            continue
        if block.facts:
            assert block.kind is Kind.PARTIAL
        for change in block.facts:
            assert change.kind in FACT_KINDS
            assert change.source is not None or change.rewrite is not None
            for span, doc, indices in (
                (change.source, left, block.source),
                (change.rewrite, right, block.rewrite),
            ):
                if span is not None:
                    assert span[0] < span[1]
                    assert any(
                        doc.sentences[i][0] <= span[0] and span[1] <= doc.sentences[i][1]
                        for i in indices
                    )


def test_a_name_or_a_speaker_never_runs_into_the_next_sentence():
    # Two sentences of a merged block, the first ending without a full stop (a headline).
    source = "The crew flew with Shipenko\nPeresild said it was hard"
    rewrite = "The crew flew with Novitsky\nDubrov said it was hard"
    spans = [(0, 27), (28, len(source))]
    changes = block_fact_changes(source, spans, rewrite, [(0, 27), (28, len(rewrite))])
    assert [(c.kind, source[slice(*c.source)], rewrite[slice(*c.rewrite)]) for c in changes] == [
        ("name", "Shipenko", "Novitsky"),
        ("attribution", "Peresild", "Dubrov"),
    ]


def test_one_person_named_by_either_part_of_a_full_name_the_article_gives():
    said = "Officials said {} was seen near Tikrit on Monday."
    full = "Saddam Hussein fled the capital. "
    alone = compare(
        document_from_text(said.format("Hussein"), "a"),
        document_from_text(said.format("Saddam"), "b"),
    )
    assert [change.kind for block in alone.blocks for change in block.facts] == ["name"]
    with_full_name = compare(
        document_from_text(full + said.format("Hussein"), "a"),
        document_from_text(full + said.format("Saddam"), "b"),
    )
    assert not any(block.facts for block in with_full_name.blocks)
    # Two people of one family stay two people.
    other = compare(
        document_from_text("Uday Hussein fled. " + said.format("Uday"), "a"),
        document_from_text("Uday Hussein fled. " + said.format("Qusay"), "b"),
    )
    assert [change.kind for block in other.blocks for change in block.facts] == ["name"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On October {} it rained.",  # a day of the month
        "He ran {}/2 miles.",  # a fraction
        "He ran 1/{} miles.",
        "It cost ${} billion.",
    ],
)
def test_numbers_of_thousands_of_digits_are_no_figure_and_no_failure(sentence):
    # int() refuses more than 4,300 digits by default: such a number must not stop a comparison.
    huge = sentence.format("1" * 5000)
    assert _kinds(huge, sentence.format("5")) in ([], ["figure"], ["date"])


def test_a_list_of_hundreds_of_quotations_is_matched_by_words():
    # Above a few dozen quotations in one block, each is matched with the other side's by the
    # words they share (an index), not by place: the altered ones are still named.
    source = " ".join(f'"item{i} alpha"' for i in range(300)) + " were listed."
    rewrite = " ".join(f'"item{i} {"beta" if i % 3 == 0 else "alpha"}"' for i in range(300))
    found = fact_changes(source, rewrite + " were listed.")
    assert [change.kind for change in found] == ["quote"] * 100
    assert all(source[c.source[0] : c.source[1]].endswith('alpha"') for c in found)
