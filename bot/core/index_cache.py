"""The validated fact base and its built index, kept on disk so a start on an unchanged
base skips parsing, validating and indexing.

One file per knowledge directory in the state directory. It is used only when its key
(a digest of the knowledge files, of the code that builds the index and of the match
settings) is the one wanted now and its content digest checks out; anything else (absent,
stale, truncated, corrupt, unreadable) is rebuilt without a word. The pickle is written
with protocol 5 and its numpy arrays out of band, aligned, after it, so loading maps them
from the file instead of copying them.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import json
import mmap
import os
import pickle
import struct
import sys
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import rapidfuzz

from bot.core.loader import collector_paused, fingerprint, load_factbase
from bot.core.matcher import Matcher, MatchSettings
from bot.core.model import FactBase

MAGIC = b"TRLIDX01"
_HEAD = struct.Struct("<8sQ")
_ALIGN = 64
_DIGEST_CHUNK = 1 << 24
_CODE_DIR = Path(__file__).resolve().parent


def code_digest() -> str:
    """What the cached index depends on besides the knowledge: this package's source and the
    versions of Python and the libraries whose objects are pickled."""
    digest = hashlib.sha256()
    versions = (sys.version, np.__version__, rapidfuzz.__version__)
    digest.update(repr(versions).encode())
    for path in sorted(_CODE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_CODE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(knowledge: str, settings: MatchSettings) -> str:
    return hashlib.sha256(f"{knowledge}\0{code_digest()}\0{settings!r}".encode()).hexdigest()


def cache_path(state_dir: Path, directory: Path) -> Path:
    """The cache file of one knowledge directory."""
    name = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:20]
    return state_dir / "index" / f"{name}.idx"


def _proxy(mapping: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(mapping)


def _reduce_proxy(mapping: MappingProxyType[str, Any]) -> tuple[Any, tuple[dict[str, Any]]]:
    return _proxy, (dict(mapping),)


def _padding(size: int) -> int:
    return -size % _ALIGN


def _layout_digest(layout: dict[str, Any]) -> Any:
    """A digest started on the header's layout, so a damaged offset is caught too."""
    return hashlib.sha256(json.dumps(layout, sort_keys=True).encode())


def save(path: Path, key: str, factbase: FactBase, matcher: Matcher) -> None:
    """Write the cache atomically (a reader sees the old file or the new one, whole)."""
    buffers: list[pickle.PickleBuffer] = []
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5, buffer_callback=buffers.append)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
    pickler.dump((factbase, matcher))
    payload = stream.getvalue()
    chunks: list[bytes | memoryview] = [payload, b"\0" * _padding(len(payload))]
    spans, offset = [], len(payload) + _padding(len(payload))
    for buffer in buffers:
        view = memoryview(buffer.raw())
        spans.append((offset, view.nbytes))
        chunks += [view, b"\0" * _padding(view.nbytes)]
        offset += view.nbytes + _padding(view.nbytes)
    layout = {"key": key, "pickle": len(payload), "buffers": spans}
    digest = _layout_digest(layout)
    for chunk in chunks:
        digest.update(chunk)
    header = json.dumps({**layout, "sha256": digest.hexdigest()}).encode()
    start = _HEAD.size + len(header)
    header += b" " * _padding(start)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_HEAD.pack(MAGIC, len(header)) + header)
            out.writelines(chunks)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _digest_released(digest: Any, mapped: mmap.mmap, start: int) -> None:
    """Hash the mapping from `start` a chunk at a time, handing each chunk's pages back
    once read: checking the file need not keep all of it in memory. Pages read later (the
    pickle, an array a question looks at) come back from the page cache."""
    release = getattr(mmap, "MADV_DONTNEED", None)
    view = memoryview(mapped)
    for offset in range(start, len(mapped), _DIGEST_CHUNK):
        end = min(offset + _DIGEST_CHUNK, len(mapped))
        digest.update(view[offset:end])
        if release is not None:
            page = offset - offset % mmap.PAGESIZE
            mapped.madvise(release, page, end - page)
    view.release()


def load(path: Path, key: str) -> tuple[FactBase, Matcher] | None:
    """The cached fact base and matcher, or None unless the file is whole and made for `key`."""
    try:
        with path.open("rb") as stream:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        magic, size = _HEAD.unpack_from(mapped)
        if magic != MAGIC:
            return None
        header = json.loads(bytes(mapped[_HEAD.size : _HEAD.size + size]))
        if header["key"] != key:
            return None
        data = memoryview(mapped)[_HEAD.size + size :]
        digest = _layout_digest({name: header[name] for name in ("key", "pickle", "buffers")})
        _digest_released(digest, mapped, _HEAD.size + size)
        if digest.hexdigest() != header["sha256"]:
            return None
        payload = data[: header["pickle"]]
        buffers = [data[offset : offset + length] for offset, length in header["buffers"]]
        with collector_paused():
            factbase, matcher = pickle.loads(payload, buffers=buffers)
    except Exception:  # a cache that cannot be read is rebuilt, never fatal
        return None
    if not isinstance(factbase, FactBase) or not isinstance(matcher, Matcher):
        return None
    return factbase, matcher


def cached(
    directory: Path, settings: MatchSettings, state_dir: Path
) -> tuple[FactBase, Matcher] | None:
    """The cached fact base and matcher of `directory`, if valid for its files as they are."""
    knowledge = fingerprint(directory)
    if knowledge is None:
        return None
    return load(cache_path(state_dir, directory), cache_key(knowledge, settings))


def store(state_dir: Path, directory: Path, factbase: FactBase, matcher: Matcher) -> None:
    """Cache a freshly built matcher for the next start; a state directory that cannot be
    written only means the next start builds again."""
    key = cache_key(factbase.fingerprint, matcher.settings)
    with contextlib.suppress(OSError):
        save(cache_path(state_dir, directory), key, factbase, matcher)


def cached_matcher(
    directory: Path, settings: MatchSettings | None, state_dir: Path | None
) -> Matcher:
    """The matcher for a knowledge directory: from the cache when it is valid, else built
    (raising KnowledgeError on a broken base) and cached for next time."""
    settings = settings or MatchSettings()
    found = cached(directory, settings, state_dir) if state_dir is not None else None
    if found is not None:
        return found[1]
    with collector_paused():
        matcher = Matcher(load_factbase(directory), settings)
    if state_dir is not None:
        store(state_dir, directory, matcher.factbase, matcher)
    return matcher
