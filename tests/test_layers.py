"""The package's layers import one way, read from the source (imports under
`if TYPE_CHECKING:` are for annotations only and do not count)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bot"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            found.extend(_import_nodes(ast.Module(body=node.orelse, type_ignores=[])))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        found.extend(_import_nodes(node))
    return found


@cache
def imports_of(module: str) -> frozenset[str]:
    """What `module` imports at run time, as absolute module names (`from x import y` gives
    `x.y` when that is a module of the package, else `x`)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        names.add(base)
        names.update(
            f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES
        )
    return frozenset(names)


def reachable(module: str) -> set[str]:
    """Every module of the package that importing `module` loads (itself included)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen or current not in MODULES:
            continue
        seen.add(current)
        parts = current.split(".")
        todo.extend(".".join(parts[:end]) for end in range(1, len(parts)))
        todo.extend(imports_of(current))
    return seen


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def modules_in(prefix: str) -> list[str]:
    return [name for name in MODULES if _under(name, prefix)]


def test_the_layers_are_where_the_map_says() -> None:
    assert modules_in("bot.core") and modules_in("bot.frontends") and modules_in("bot.operations")
    top_level = {name for name in MODULES if name.count(".") == 1}
    assert top_level == {"bot.__main__", "bot.core", "bot.frontends", "bot.operations"}


@pytest.mark.parametrize("module", modules_in("bot.core"))
def test_the_core_imports_no_front_end_operations_or_discord(module: str) -> None:
    for name in imports_of(module):
        assert not _under(name, "bot.frontends"), f"{module} imports {name}"
        assert not _under(name, "bot.operations"), f"{module} imports {name}"
        assert name.split(".")[0] not in {"discord", "aiohttp"}, f"{module} imports {name}"


@pytest.mark.parametrize("module", modules_in("bot.operations"))
def test_operations_import_no_front_end_or_discord(module: str) -> None:
    for name in imports_of(module):
        assert not _under(name, "bot.frontends"), f"{module} imports {name}"
        assert name.split(".")[0] != "discord", f"{module} imports {name}"


def test_configuration_is_a_leaf() -> None:
    inside = {name for name in imports_of("bot.operations.config") if _under(name, "bot")}
    assert inside <= {"bot"}


@pytest.mark.parametrize("module", modules_in("bot.operations.store"))
def test_the_store_does_not_load_the_matcher(module: str) -> None:
    assert "bot.core.matcher" not in reachable(module)
    assert "bot.core.loader" not in reachable(module)


@pytest.mark.parametrize(
    "module",
    [
        "bot.frontends.render",
        "bot.frontends.discord_client.embeds",
        "bot.frontends.discord_client.layout",
    ],
)
def test_rendering_does_not_load_the_store(module: str) -> None:
    assert not any(_under(name, "bot.operations.store") for name in reachable(module))


def test_the_checks_see_imports_that_exist() -> None:
    assert "bot.core.matcher" in reachable("bot.frontends.discord_client.client")
    assert "discord" in imports_of("bot.frontends.discord_client.client")
    assert "bot.operations.store" in reachable("bot.frontends.discord_client.client")


def test_the_loopback_discord_imports_nothing_from_the_bot() -> None:
    emulator = PACKAGE.parent / "loopback_discord"
    sources = sorted(emulator.glob("*.py"))
    assert sources
    for path in sources:
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            assert not any(name.split(".")[0] == "bot" for name in names), path.name
