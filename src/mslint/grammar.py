"""The little grammar the consistency rules need: English's closed word classes.

No tagger is needed to tell whether a compound stands before a noun: the words that can never be
the noun after it are closed lists (articles, prepositions, pronouns, conjunctions, auxiliaries, a
few adverbs), short enough to write down, and punctuation after it ends the phrase.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list, as a set: long lists of words stay readable."""
    return frozenset(words.split())


DETERMINERS = word_set(
    "a an the this that these those each every some any no all both either neither my your his her its our their "
    "whose which what whatever another such many much few several more most less least other"
)
PREPOSITIONS = word_set(
    "of in on at to for from by with without into onto about against among amongst between through throughout during "
    "before after over under above below across along around behind beyond despite like near since toward towards upon "
    "within via than as per off out up down till until unlike amid"
)
PRONOUNS = word_set("i you he she it we they me him us them who whom whoever one ones itself themselves")
CONJUNCTIONS = word_set(
    "and or nor but yet so because if while whereas although though unless when where whether whenever wherever once lest then"
)
AUXILIARIES = word_set(
    "is are was were be been being am has have had having do does did will would shall should can could may might "
    "must ought isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't couldn't "
    "shouldn't mustn't"
)
# Adverbs of a closed set that may follow a noun phrase: "the working class also", "long term too".
ADVERBS = word_set(
    "not also only even just too very here there now still already ever never always often again therefore however "
    "thus hence instead indeed perhaps rather moreover furthermore nevertheless otherwise meanwhile sooner later "
    "soon today tomorrow yesterday anyway together alone afterwards first"
)

# Past participles that do not end in -ed: after a noun they are verbs ("the high bit set").
PARTICIPLES = word_set(
    "set put cut let hit shut made done gone known given taken seen shown found held kept left lost paid built sent "
    "spent told thought brought bought caught taught sold written broken chosen driven spoken stolen begun run"
)

# Prefixes that English writes before a hyphen: the first part of "pre-selected" is no word of
# its own, and no misspelling either.
PREFIXES = word_set(
    "anti auto bi bio co counter cyber de eco euro ex extra geo hyper infra inter intra macro mega meta micro mid mini "
    "mis mono multi neo non poly post pre proto pseudo quasi re self semi socio sub trans tri ultra un"
)

CLOSED_CLASS = DETERMINERS | PREPOSITIONS | PRONOUNS | CONJUNCTIONS | AUXILIARIES | ADVERBS

# Before a common noun these make it generic ("a communist party"), not a name ("the Communist Party").
INDEFINITE = word_set("a an any another each every no one some such either neither")
