"""The cache is data from someone else: whoever can commit to the project can plant entries. Only
entries signed with the user's own key count, they must describe the very file they are keyed on,
and nothing in the folder can make mslint wait, run out of memory, or write outside the project."""

import copy
import hashlib
import hmac
import json
import os
import stat
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli, write_book
from mslint import cache as cache_module
from mslint.cache import FORMAT, Cache, user_key
from mslint.config import load_config
from mslint.engine import DIRECTIVES
from mslint.facts import FileFacts
from mslint.parsing import parse
from mslint.rules import load_rules

RULES = {
    "Names.yml": "extends: variants\nmessage: \"'%s' (%s) or '%s' (%s)?\"\nlevel: error\n",
    "Teh.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  teh: the\n",
}
CHAPTER_1 = "The Histadrut grew, teh Histadrut won.\n"
DAY = 86400

run = run_cli


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, RULES)
    (tmp_path / "chapters" / "01.md").write_text(CHAPTER_1, encoding="utf-8")
    (tmp_path / "chapters" / "02.md").write_text("Then the Histradrut fell.\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def expected(book):
    """What a run without the cache reports; a run with it must report exactly this."""
    result = run(["--no-cache"], book)
    assert "chapters/01.md:1:21: error House.Teh: Use 'the' instead of 'teh'." in result.stdout
    return result.stdout


def entries(book):
    return sorted((book / ".mslint_cache").glob("file-*.json"))


def cache_of(book) -> Cache:
    """The cache a run in the book uses, in this process."""
    config = load_config(book / "pyproject.toml", book)
    found = Cache.for_config(config, load_rules(config))
    assert found is not None
    return found


def signed(name: str, field: str, body: bytes) -> bytes:
    """An entry as mslint writes it, signed with the user's key."""
    mac = hmac.new(user_key(), f"mslint cache {FORMAT}\0{name}\0{field}\0".encode() + body, hashlib.sha256).hexdigest()
    return f'{{"format": {FORMAT}, "mac": "{mac}", "{field}": '.encode() + body + b"}"


def load_chapter_1(book) -> dict[str, FileFacts]:
    """What a run in the book would take from the cache for chapter 1, by rule key."""
    cache = cache_of(book)
    return cache.load(cache.key("chapters/01.md", CHAPTER_1))


def part(facts: dict, holds: str) -> dict:
    """Of an entry's facts (rule key -> a rule's facts), the part of the rule whose facts hold
    `holds`: findings (House.Teh), observations (House.Names) or directives (the file's own)."""
    if holds == "directives":
        if not facts[DIRECTIVES]:  # none: stored as `{}`, given its fields to be damaged
            facts[DIRECTIVES] = {"findings": [], "directives": [], "observations": {}, "candidates": {}, "errors": []}
        return facts[DIRECTIVES]
    return next(found for found in facts.values() if found.get(holds))


def chapter_1_entry(book):
    """The cache entry of chapter 1, its plain facts by rule key, and the key it is stored under."""
    cache = cache_of(book)
    key = cache.key("chapters/01.md", CHAPTER_1)
    path = book / ".mslint_cache" / f"file-{key}.json"
    return path, combined(json.loads(path.read_text(encoding="utf-8"))["facts"]), key


def combined(body: dict) -> dict:
    """An entry's facts by rule key, `{}` for each rule that found nothing (the entry lists those apart)."""
    return {**dict.fromkeys(body["nothing"], {}), **body["found"]}


def split(facts: dict) -> bytes:
    """The body of an entry holding these facts by rule key, as mslint writes it."""
    nothing = [rule_key for rule_key, found in facts.items() if found == {}]
    body = {"nothing": nothing, "found": {rule_key: found for rule_key, found in facts.items() if found != {}}}
    return json.dumps(body, ensure_ascii=False).encode()


def sha256_envelope(facts: dict, key: str) -> dict:
    body = json.dumps(facts, ensure_ascii=False).encode()
    return {"format": FORMAT, "mac": hashlib.sha256(body).hexdigest(), "facts": facts}


def sha256_checksum(facts: dict, key: str) -> dict:  # the format before entries were signed
    checksum = hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return {"format": FORMAT, "key": key, "checksum": checksum, "facts": facts}


@pytest.mark.parametrize("forge", [sha256_envelope, sha256_checksum])
def test_an_entry_with_a_recomputed_plain_checksum_is_ignored(book, expected, forge):
    """The attack: edit the facts, recompute a SHA-256 checksum, which anyone can."""
    run([], book)
    for entry in entries(book):
        facts = combined(json.loads(entry.read_text(encoding="utf-8"))["facts"])
        for found in facts.values():  # hide every finding (an empty part is `{}` already)
            if found:
                found["findings"], found["candidates"] = [], {rule: [] for rule in found["candidates"]}
        entry.write_text(json.dumps(forge(facts, entry.stem.removeprefix("file-"))), encoding="utf-8")
    assert run([], book).stdout == expected
    _, facts, _ = chapter_1_entry(book)
    assert [f["rule"] for f in part(facts, "findings")["findings"]] == ["House.Teh"]  # rebuilt and signed again


def test_the_signing_in_these_tests_is_mslints(book):
    """The other tests forge entries signed with the user's key; this shows they sign as mslint does,
    so what those tests see refused is refused for its content, not its signature."""
    run([], book)
    path, facts, key = chapter_1_entry(book)
    assert signed(f"file-{key}", "facts", split(facts)) == path.read_bytes()
    loaded = load_chapter_1(book)
    assert [f.rule for found in loaded.values() for f in found.findings] == ["House.Teh"]


def damaged_finding(**changes):
    def damage(facts):
        part(facts, "findings")["findings"][0].update(changes)

    return damage


def damaged(holds: str, change):
    """A damage to the part of the entry that holds `holds`."""
    return lambda facts: change(part(facts, holds))


def nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


DAMAGES = {
    "line-as-text": damaged_finding(line="1"),
    "line-10^9": damaged_finding(line=10**9, end_line=10**9),
    "line-negative": damaged_finding(line=-1),
    "column-zero": damaged_finding(column=0),
    "column-past-the-line": damaged_finding(column=500, end_column=503),
    "ends-before-it-starts": damaged_finding(end_column=20),
    "another-files-finding": damaged_finding(path="chapters/02.md"),
    "words-not-at-the-place": damaged_finding(match="The"),
    "level-not-a-level": damaged_finding(level=3),
    "replacements-not-strings": damaged_finding(replacements=[1]),
    "fixable-not-a-boolean": damaged_finding(fixable="yes"),
    "finding-not-a-mapping": damaged("findings", lambda f: f["findings"].__setitem__(0, ["chapters/01.md", 1, 21])),
    "findings-not-a-list": damaged("findings", lambda f: f.__setitem__("findings", {"0": f["findings"][0]})),
    "errors-kept": damaged("findings", lambda f: f.__setitem__("errors", [["chapters/01.md", "failed", 1]])),
    "observation-nested-40-deep": damaged("observations", lambda f: f["observations"].__setitem__("House.Names", nested(40))),
    "candidate-key-nested-40-deep": damaged(
        "observations", lambda f: f["candidates"]["House.Names"].append([nested(40), f["candidates"]["House.Names"][0][1]])
    ),
    "candidate-words-not-at-the-place": damaged(
        "observations", lambda f: f["candidates"]["House.Names"][0][1].__setitem__(4, "The")
    ),
    "candidate-voice-unknown": damaged("observations", lambda f: f["candidates"]["House.Names"][0][1].__setitem__(5, "aside")),
    "candidate-spot-short": damaged("observations", lambda f: f["candidates"]["House.Names"][0][1].pop()),
    "unknown-directive": damaged("directives", lambda f: f["directives"].append(["silence", [], [1, 1], [1, 4], "The"])),
    "directive-rules-a-string": damaged(
        "directives", lambda f: f["directives"].append(["disable", "House", [1, 1], [1, 4], "The"])
    ),
    "directive-not-at-its-place": damaged(
        "directives", lambda f: f["directives"].append(["disable-file", [], [1, 1], [1, 4], "<!--"])
    ),
    "a-field-more": damaged("findings", lambda f: f.__setitem__("trusted", True)),
    "a-field-less": damaged("findings", lambda f: f.pop("candidates")),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_signed_entry_that_does_not_describe_its_file_is_a_miss(book, damage):
    """Even signed (a bug, an old version's entry), an entry must describe the file: the right
    types, positions on the file's own lines that hold the words it names, plain JSON of bounded
    depth, no errors. Anything else is a miss, never an error."""
    run([], book)
    path, facts, key = chapter_1_entry(book)
    changed = copy.deepcopy(facts)
    damage(changed)
    path.write_bytes(signed(f"file-{key}", "facts", split(changed)))
    loaded = load_chapter_1(book)
    [hit] = [rule_key for rule_key in facts if facts[rule_key] != changed[rule_key]]
    assert hit not in loaded and loaded.keys() == facts.keys() - {hit}  # that rule's part is a miss, the rest stay


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.sampled_from(["teh", "chapters/02.md"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def places(value, at=()):
    """The path (keys and indexes) to every value inside a JSON value."""
    yield at
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for step, inner in items:
        yield from places(inner, (*at, step))


@pytest.fixture(scope="module")
def signed_entry(tmp_path_factory):
    """Chapter 1's entry, and the cache of a run about to load it."""
    book = tmp_path_factory.mktemp("book")
    write_book(book, RULES)
    (book / "chapters" / "01.md").write_text(CHAPTER_1, encoding="utf-8")
    (book / "chapters" / "02.md").write_text("Then the Histradrut fell.\n", encoding="utf-8")
    run([], book)
    path, facts, key = chapter_1_entry(book)
    cache = cache_of(book)
    assert cache.key("chapters/01.md", CHAPTER_1) == key
    return path, facts, key, cache


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_whatever_a_signed_entry_holds_it_loads_in_place_or_misses(signed_entry, data):
    path, facts, key, cache = signed_entry
    changed = copy.deepcopy(facts)
    *steps, last = data.draw(st.sampled_from(list(places(changed))[1:]))
    holder = changed
    for step in steps:
        holder = holder[step]
    holder[last] = data.draw(st.integers(-1, 60) | JSON)  # small numbers: places near the right one
    path.write_bytes(signed(f"file-{key}", "facts", split(changed)))
    doc = parse("chapters/01.md", CHAPTER_1)
    for loaded in cache.load(key).values():  # never an error
        assert all(found.path == "chapters/01.md" for found in loaded.findings)
        placed = loaded.findings + [spot for pairs in loaded.candidates.values() for _, spot in pairs]
        for found in placed:
            start = doc.line_starts[found.line - 1] + found.column - 1
            end = doc.line_starts[found.end_line - 1] + found.end_column - 1
            assert doc.text[start:end] == found.match
            assert (doc.position(start), doc.position(end)) == ((found.line, found.column), (found.end_line, found.end_column))


def test_a_run_over_a_signed_entry_at_line_10_9_reports_what_the_text_holds(book, expected):
    run([], book)
    path, facts, key = chapter_1_entry(book)
    part(facts, "findings")["findings"][0].update(line=10**9, end_line=10**9)
    path.write_bytes(signed(f"file-{key}", "facts", split(facts)))
    result = run([], book)
    assert (result.stdout, result.stderr, result.returncode) == (expected, "", 1)


def test_a_deeply_nested_entry_is_a_miss(book, expected):
    run([], book)
    path, _, key = chapter_1_entry(book)
    deep = b"[" * 200_000 + b"]" * 200_000
    path.write_bytes(signed(f"file-{key}", "facts", deep))  # json.loads gives up: RecursionError
    assert load_chapter_1(book) == {}
    forged = b'{"format": %d, "mac": "%s", "facts": ' % (FORMAT, b"0" * 64) + deep + b"}"
    path.write_bytes(forged)  # unsigned: never parsed
    result = run([], book)
    assert (result.stdout, result.stderr) == (expected, "")


@pytest.mark.parametrize(
    "body",
    [
        {"nothing": "0123", "found": {}},
        {"nothing": [1], "found": {}},
        {"nothing": [], "found": []},
        {"nothing": [], "found": {}, "more": 1},
        {"found": {}},
        [],
    ],
)
def test_an_entry_of_another_shape_is_a_miss(book, expected, body):
    run([], book)
    path, _, key = chapter_1_entry(book)
    path.write_bytes(signed(f"file-{key}", "facts", json.dumps(body).encode()))
    assert load_chapter_1(book) == {}
    result = run([], book)
    assert (result.stdout, result.stderr) == (expected, "")


def test_an_entry_larger_than_the_bound_is_a_miss(book, monkeypatch):
    run([], book)
    path, _, key = chapter_1_entry(book)
    assert load_chapter_1(book) != {}
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", path.stat().st_size - 1)
    assert load_chapter_1(book) == {}


@pytest.mark.parametrize("plant", ["fifo", "link-to-dev-zero", "link-to-a-good-entry", "link-to-a-set-user-id-program"])
def test_an_entry_that_is_not_a_regular_file_is_never_read(book, expected, tmp_path_factory, plant):
    """A FIFO would make a plain open wait for a writer forever; /dev/zero never ends. Both are
    opened without waiting and never followed or read; the run rebuilds the entry in their place,
    with a new file's mode, never the mode of a link's target."""
    run([], book)
    path, _, key = chapter_1_entry(book)
    good = tmp_path_factory.mktemp("elsewhere") / "entry.json"
    good.write_bytes(path.read_bytes())
    program = tmp_path_factory.mktemp("bin") / "program"
    program.write_bytes(b"#!/bin/sh\n")
    program.chmod(0o4777)
    path.unlink()
    if plant == "fifo":
        os.mkfifo(path)
    else:
        targets = {"link-to-dev-zero": "/dev/zero", "link-to-a-good-entry": good, "link-to-a-set-user-id-program": program}
        path.symlink_to(targets[plant])
    assert load_chapter_1(book) == {}
    result = run([], book)
    assert (result.stdout, result.stderr) == (expected, "")
    assert stat.S_ISREG(path.lstat().st_mode)
    assert stat.S_IMODE(path.lstat().st_mode) & 0o7111 == 0  # no set-id bits, no execution
    assert stat.S_IMODE(program.stat().st_mode) == 0o4777  # the target is left alone
    assert load_chapter_1(book) != {}


@pytest.mark.parametrize("link_to", ["a-folder", "nowhere"])
def test_a_cache_folder_that_is_a_symbolic_link_is_never_written(book, expected, tmp_path_factory, link_to):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    target = elsewhere if link_to == "a-folder" else elsewhere / "not-yet"
    (book / ".mslint_cache").symlink_to(target)
    result = run([], book)
    assert result.stdout == expected
    assert result.stderr == (
        f"mslint: {book.resolve()}/.mslint_cache is a symbolic link (to {os.path.realpath(target)}); mslint writes its "
        "cache only into a real folder of the project, so this run has none: remove the link, and mslint makes the folder\n"
    )
    assert list(elsewhere.iterdir()) == []
    assert run(["--no-cache"], book).stderr == ""  # --no-cache does not look


def test_a_learned_list_with_a_recomputed_checksum_does_not_make_a_word_known(tmp_path):
    write_book(tmp_path, {"Spelling.yml": "extends: spelling\nmessage: \"'%s'?\"\n"}, paths=".")
    (tmp_path / "a.md").write_text("The becuase word.\n", encoding="utf-8")
    assert "a.md:1:5: warning House.Spelling: 'becuase'?" in run([], tmp_path).stdout
    [words] = (tmp_path / ".mslint_cache").glob("learned-*.json")
    learned = {"becuase": True}
    body = json.dumps(learned).encode()
    for forged in (
        {"format": FORMAT, "mac": hashlib.sha256(body).hexdigest(), "learned": learned},
        {"checksum": hashlib.sha256(json.dumps(learned, sort_keys=True).encode()).hexdigest(), "learned": learned},
    ):
        words.write_text(json.dumps(forged), encoding="utf-8")
        (tmp_path / "a.md").write_text(f"The becuase word, {len(forged)}.\n", encoding="utf-8")  # a miss: spelling runs
        assert "a.md:1:5: warning House.Spelling: 'becuase'?" in run([], tmp_path).stdout


def test_the_key_is_the_users_own_and_never_in_the_project(book, user_cache):
    run([], book)
    key = user_cache / "mslint" / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    secret = key.read_bytes()
    assert len(secret) == 32 and secret == user_key()
    assert not [p for p in book.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_another_users_entries_are_misses(book, expected, tmp_path_factory):
    """A `.mslint_cache` committed by someone else, signed with their key, is rebuilt."""
    run([], book)
    before = {entry.name: entry.read_bytes() for entry in entries(book)}
    other = run([], book, XDG_CACHE_HOME=str(tmp_path_factory.mktemp("other-user")))
    assert other.stdout == expected
    after = {entry.name: entry.read_bytes() for entry in entries(book)}
    assert after.keys() == before.keys() and all(after[name] != before[name] for name in before)


def test_two_first_runs_at_once_agree_on_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    start, keys = threading.Barrier(8), []

    def first_run():
        start.wait()
        keys.append(user_key())

    threads = [threading.Thread(target=first_run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and keys[0] is not None and set(keys) == {keys[0]}
    assert [p.name for p in (tmp_path / "mslint").iterdir()] == ["key"]  # no temporary file left


@pytest.mark.parametrize("problem", ["cache-home-is-a-file", "key-readable-by-others", "key-too-short", "key-is-a-link"])
def test_without_a_usable_key_the_run_has_no_cache_and_does_not_fail(book, expected, tmp_path, problem):
    home = tmp_path / "home"
    if problem == "cache-home-is-a-file":
        home.write_text("not a folder\n", encoding="utf-8")
    else:
        (home / "mslint").mkdir(parents=True)
        key = home / "mslint" / "key"
        if problem == "key-is-a-link":
            (home / "stolen").write_bytes(os.urandom(32))
            (home / "stolen").chmod(0o600)
            key.symlink_to(home / "stolen")
        else:
            key.write_bytes(os.urandom(32 if problem == "key-readable-by-others" else 16))
            key.chmod(0o644 if problem == "key-readable-by-others" else 0o600)
    result = run([], book, XDG_CACHE_HOME=str(home))
    assert (result.stdout, result.stderr, result.returncode) == (expected, "", 1)
    assert not (book / ".mslint_cache").exists()


def store_entries(folder, count: int) -> tuple[Cache, list[str]]:
    """A run that stores `count` entries, one per file."""
    cache = Cache(folder, "rules", user_key())
    keys = [cache.key(f"{n}.md", f"Text {n}.\n") for n in range(count)]
    for key in keys:
        cache.store(key, {"": FileFacts()})
    return cache, keys


def age(folder, key: str, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(folder / f"file-{key}.json", (when, when))


def next_run(folder) -> Cache:
    return Cache(folder, "rules", user_key())


def test_entries_unused_for_a_month_are_pruned_by_the_next_run_that_writes(tmp_path):
    folder = tmp_path / ".mslint_cache"
    _, keys = store_entries(folder, 5)
    for key, days in zip(keys, [40, 31, 29, 40, 0], strict=True):
        age(folder, key, days)
    leftover, recent_leftover = folder / ".file-x.json.abcd1234.mslint-tmp", folder / ".file-y.json.abcd1234.mslint-tmp"
    leftover.write_bytes(b"{")
    os.utime(leftover, (time.time() - 120, time.time() - 120))
    recent_leftover.write_bytes(b"{")  # perhaps another run writing now
    (folder / "notes.txt").write_text("not mslint's\n", encoding="utf-8")
    os.utime(folder / "notes.txt", (time.time() - 40 * DAY, time.time() - 40 * DAY))

    later = next_run(folder)
    assert later.load(later.key("3.md", "Text 3.\n")) is not None  # used: its last use is now
    assert time.time() - (folder / f"file-{keys[3]}.json").stat().st_mtime < 60
    later.keep_learned([], {})  # the end of a run that wrote nothing: no pruning
    assert len(list(folder.glob("file-*.json"))) == 5
    new = later.key("5.md", "Text 5.\n")
    later.store(new, {"": FileFacts()})
    later.keep_learned([], {})

    entries = [f"file-{key}.json" for key in (keys[2], keys[3], keys[4], new)]
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted([*entries, ".gitignore", "notes.txt", recent_leftover.name])


def test_beyond_the_total_size_the_least_recently_used_go_but_never_this_runs(tmp_path, monkeypatch):
    folder = tmp_path / ".mslint_cache"
    _, keys = store_entries(folder, 6)
    for n, key in enumerate(keys):
        age(folder, key, (10 - n) / 24)  # entry 0 the least recently used
    size = (folder / f"file-{keys[0]}.json").stat().st_size
    monkeypatch.setattr(cache_module, "MAX_TOTAL_BYTES", 3 * size)

    later = next_run(folder)
    assert later.load(later.key("0.md", "Text 0.\n")) is not None  # this run uses the oldest
    later.store(later.key("6.md", "Text 6.\n"), {"": FileFacts()})
    later.keep_learned([], {})

    kept = {p.name for p in folder.glob("file-*.json")}
    assert kept == {f"file-{key}.json" for key in (keys[0], keys[5], later.key("6.md", "Text 6.\n"))}


def test_a_run_prunes_a_planted_stale_entry(book, expected):
    run([], book)
    stale = book / ".mslint_cache" / f"file-{'0' * 64}.json"
    stale.write_bytes(b"{}")
    os.utime(stale, (time.time() - 40 * DAY, time.time() - 40 * DAY))
    assert run([], book).stdout == expected and stale.exists()  # nothing written: no pruning
    (book / "chapters" / "02.md").write_text("Then the Histradrut fell again.\n", encoding="utf-8")
    run([], book)
    assert not stale.exists()
