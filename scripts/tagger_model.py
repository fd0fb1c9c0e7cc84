#!/usr/bin/env python3
"""Build the part-of-speech tagger's model, src/mslint/data/tagger.json.gz, and measure it.

    pip download --no-deps --dest . textblob-aptagger==0.2.0
    python scripts/tagger_model.py build textblob_aptagger-0.2.0-py2.py3-none-any.whl
    python scripts/tagger_model.py accuracy en_ewt-ud-test.conllu

`build` takes the averaged-perceptron model that textblob-aptagger 0.2.0 ships on PyPI (Matthew
Honnibal's, trained on the Wall Street Journal part of the Penn Treebank; MIT licence) from its
wheel, whose SHA-256 it checks, and writes it in mslint's own form: gzipped JSON with the tag set,
the words tagged without a guess, and each feature's weights as (tag index, thousandths) pairs,
under the short feature names of mslint/tagger.py. Beside it goes tagger.LICENSE, the model's
licence. The model is a Python pickle: it is read by an unpickler that makes dicts, lists, sets,
strings and numbers and nothing else, so nothing in it can run code.

`accuracy` tags the words of a CoNLL-U file as its sentences split them (Universal Dependencies'
English treebanks give Penn Treebank tags in the XPOS column) and prints the share of words
tagged as the file tags them, leaving out punctuation and the tags the Wall Street Journal's
annotation has no counterpart for (ADD, AFX, GW, HYPH, NFP, XX), and the speed.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import json
import pickle
import sys
import time
import zipfile
from array import array
from pathlib import Path

from mslint import tagger

WHEEL_SHA256 = "1ed281f37b3646475503ce77347d0ed92a5f4de176a63c6ab4d1064636067dcc"
PICKLE = "textblob_aptagger/trontagger-0.1.0.pickle"
LICENSE_TEXT = "textblob_aptagger-0.2.0.dist-info/DESCRIPTION.rst"  # the MIT text, then the description
COPYRIGHT = "Copyright 2013 Matthew Honnibal"  # the wheel's pydist.json, "license"

# textblob-aptagger's feature names -> mslint's (tagger.py makes them)
FEATURES = {
    "bias": "b",
    "i suffix": "s",
    "i pref1": "p",
    "i-1 tag": "t",
    "i-2 tag": "tt",
    "i tag+i-2 tag": "t2",
    "i word": "w",
    "i-1 tag+i word": "tw",
    "i-1 word": "w-1",
    "i-1 suffix": "s-1",
    "i-2 word": "w-2",
    "i+1 word": "w+1",
    "i+1 suffix": "s+1",
    "i+2 word": "w+2",
}

# Tags of Universal Dependencies' English treebanks that the Wall Street Journal's have not.
UNSCORED = {"ADD", "AFX", "GW", "HYPH", "NFP", "XX"}


class _DataOnly(pickle.Unpickler):
    """Builds plain data: the one class a model names is the set (Python 2's __builtin__.set)."""

    def find_class(self, module: str, name: str):
        if (module, name) in (("__builtin__", "set"), ("builtins", "set")):
            return set
        raise pickle.UnpicklingError(f"the model names {module}.{name}; a model is plain data")


def build(wheel: Path) -> None:
    data = wheel.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        sys.exit(f"{wheel}: not textblob-aptagger 0.2.0's wheel (its SHA-256 is {WHEEL_SHA256})")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        weights, tagdict, classes = _DataOnly(io.BytesIO(archive.read(PICKLE)), encoding="latin1").load()
        licence = archive.read(LICENSE_TEXT).decode("utf-8").split("\nDescription:")[0]
    tags = sorted(classes)
    if tuple(tags) != tagger.TAGS:
        sys.exit(f"the model's tags are not Penn Treebank's as tagger.TAGS lists them: {tags}")
    index = {tag: number for number, tag in enumerate(tags)}
    features = sorted(weights)
    runs = [sorted((index[tag], round(weight * 1000)) for tag, weight in weights[name].items()) for name in features]
    model = {
        "source": "textblob-aptagger 0.2.0 (Matthew Honnibal), trained on the Penn Treebank's Wall Street Journal; MIT",
        "tags": tags,
        "tagdict": dict(sorted(tagdict.items())),
        "features": [_feature(name) for name in features],
        "sizes": _base64(bytes(len(run) for run in runs)),
        "tag_of": _base64(bytes(tag for run in runs for tag, _ in run)),
        "weights": _base64(_little_endian(array("i", (weight for run in runs for _, weight in run)))),
    }
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    tagger.MODEL.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    tagger.MODEL.with_name("tagger.LICENSE").write_text(
        f"The part-of-speech model in tagger.json.gz is textblob-aptagger 0.2.0's, converted by\n"
        f"scripts/tagger_model.py. Its licence:\n\n{COPYRIGHT}\n\n{licence.strip()}\n",
        encoding="utf-8",
    )
    print(f"{tagger.MODEL}: {len(features)} features, {len(tagdict)} words, {tagger.MODEL.stat().st_size} bytes")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _little_endian(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def _feature(name: str) -> str:
    for original in sorted(FEATURES, key=len, reverse=True):
        if name == original or name.startswith(original + " "):
            return FEATURES[original] + name[len(original) :]
    raise ValueError(f"unknown feature {name!r}")


def accuracy(conllu: Path) -> None:
    sentences = list(_sentences(conllu.read_text(encoding="utf-8")))
    started = time.perf_counter()
    tagger.tags("Warm up.", tagger.words("Warm up."))  # load the model outside the timing
    loaded = time.perf_counter() - started
    right = scored = words = 0
    started = time.perf_counter()
    for sentence in sentences:
        text = " ".join(form for form, _ in sentence)
        spans, position = [], 0
        for form, _ in sentence:
            spans.append((position, position + len(form)))
            position += len(form) + 1
        for (_, gold), guess in zip(sentence, tagger.tags(text, spans), strict=True):
            words += 1
            if gold[0].isalpha() and gold not in UNSCORED:
                scored += 1
                right += guess == gold
    took = time.perf_counter() - started
    print(f"{conllu.name}: {right / scored:.2%} of {scored} words tagged right; {words / took:,.0f} words a second;")
    print(f"the model loaded in {loaded:.2f} s")


def _sentences(text: str):
    """(form, XPOS) pairs of each sentence; multiword tokens' lines and empty nodes left out."""
    sentence: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if columns[0].isdigit():
                sentence.append((columns[1], columns[4]))
    if sentence:
        yield sentence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="write the model from textblob-aptagger 0.2.0's wheel").add_argument("wheel", type=Path)
    commands.add_parser("accuracy", help="tag a CoNLL-U file and compare").add_argument("conllu", type=Path)
    args = parser.parse_args()
    build(args.wheel) if args.command == "build" else accuracy(args.conllu)


if __name__ == "__main__":
    main()
