"""The source registry: shipped data, user files, name resolution, affiliation roots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.analysis.registry import (
    affiliation_root,
    builtin_registry_path,
    load_registry,
    registry_index,
    resolve_actor,
    validate_registry_file,
    write_registry_file,
)
from provenance.errors import InputError
from provenance.model import Actor, actor_id


def by_id(actors: list[Actor]) -> dict[str, Actor]:
    return {a.id: a for a in actors}


def test_builtin_registry_is_valid_data() -> None:
    data = json.loads(builtin_registry_path().read_text(encoding="utf-8"))
    assert data["format"] == "provenance-registry/1"
    actors = load_registry()
    assert len(actors) == len(data["actors"]) >= 100
    ids = [a.id for a in actors]
    assert len(ids) == len(set(ids))
    assert all(a.id == actor_id(a.name) and a.origin == "registry" for a in actors)
    kinds = {a.kind for a in actors}
    assert {"news_agency", "news_outlet", "government", "military", "platform"} <= kinds


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("RIA", "russian-government"),
        ("RIA Novosti", "russian-government"),
        ("TASS", "russian-government"),
        ("the Kremlin", "russian-government"),
        ("Russia's Defence Ministry", "russian-government"),
        ("Ukrinform", "ukrainian-government"),
        ("Ukraine's General Staff", "ukrainian-government"),
        ("Xinhua", "chinese-communist-party"),
        ("Reuters", "reuters"),
        ("The Associated Press", "associated-press"),
        ("Twitter", "x"),
    ],
)
def test_resolve_and_root(name: str, root: str) -> None:
    actors = load_registry()
    found = resolve_actor(name, actors)
    assert found is not None
    assert affiliation_root(found.id, by_id(actors)) == root


def test_unknown_names() -> None:
    index = registry_index(load_registry())
    assert resolve_actor("Vasily Golubev", index) is None
    assert resolve_actor("", index) is None
    # "Ministry of Defence" alone is ambiguous between countries: it is not an alias.
    assert resolve_actor("Ministry of Defence", index) is None


def test_affiliation_root_is_cycle_safe() -> None:
    a = Actor(id="a", name="A", affiliation="b")
    b = Actor(id="b", name="B", affiliation="c")
    c = Actor(id="c", name="C", affiliation="a")
    actors = {x.id: x for x in (a, b, c)}
    assert affiliation_root("a", actors) == affiliation_root("b", actors) == "a"
    assert affiliation_root("missing", actors) == "missing"


def write(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(
        json.dumps({"format": "provenance-registry/1", "actors": entries}), encoding="utf-8"
    )
    return path


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    user = write(
        tmp_path / "mine.json",
        [
            {"name": "Interfax", "kind": "news_agency", "affiliation": "Russian government"},
            {
                "name": "Rostov Regional Administration",
                "kind": "government",
                "aliases": ["Rostov administration"],
                "affiliation": "Russian government",
            },
        ],
    )
    assert [a.name for a in validate_registry_file(user)] == [
        "Interfax",
        "Rostov Regional Administration",
    ]
    actors = load_registry([user])
    index = by_id(actors)
    assert affiliation_root("interfax", index) == "russian-government"
    found = resolve_actor("Rostov administration", actors)
    assert found is not None and found.affiliation == "russian-government"


def test_write_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    write_registry_file(path, [Actor(id="local-paper", name="Local Paper", kind="news_outlet")])
    assert [a.id for a in load_registry([path]) if a.id == "local-paper"] == ["local-paper"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "json"),
        (json.dumps({"format": "other", "actors": []}), "format"),
        (json.dumps({"format": "provenance-registry/1", "actors": {}}), "list"),
        (json.dumps({"format": "provenance-registry/1", "actors": [{"kind": "person"}]}), "name"),
        (
            json.dumps({"format": "provenance-registry/1", "actors": [{"name": "X", "kind": "x"}]}),
            "kind",
        ),
        (
            json.dumps(
                {"format": "provenance-registry/1", "actors": [{"name": "X", "affiliation": "?"}]}
            ),
            "affiliation",
        ),
        (
            json.dumps({"format": "provenance-registry/1", "actors": [{"name": "X", "extra": 1}]}),
            "extra",
        ),
    ],
)
def test_invalid_files_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        validate_registry_file(path)
    text = str(err.value)
    assert "bad.json" in text and message in text.lower() and "\n" not in text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.json"):
        load_registry([tmp_path / "nothing.json"])
