"""Discord's documented limits on what a bot sends, answered the way Discord answers.

A bot that passes against an emulator without limits can still fail in production
on a 2001-character answer or an 11th embed; these checks make the test fail instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Json = dict[str, Any]
Errors = dict[str, Any]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_LIMITS = {"title": 256, "description": 4096}
FIELDS_MAX = 25
FIELD_LIMITS = {"name": 256, "value": 1024}
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100
MODAL_TITLE_MAX = 45

EMPTY_MESSAGE: Json = {"message": "Cannot send an empty message", "code": 50006}


def invalid_form_body(errors: Errors) -> Json:
    """The 400 body for failed validation; discord.py flattens `errors` into its message."""
    return {"message": "Invalid Form Body", "code": 50035, "errors": errors}


def form_error(code: str, message: str) -> Json:
    return {"_errors": [{"code": code, "message": message}]}


def _too_long(limit: int) -> Json:
    return form_error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _required() -> Json:
    return form_error("BASE_TYPE_REQUIRED", "This field is required")


def _embed_errors(embed: Mapping[str, Any]) -> tuple[Errors, int]:
    errors: Errors = {}
    size = 0
    for key, limit in EMBED_LIMITS.items():
        text = embed.get(key) or ""
        size += len(text)
        if len(text) > limit:
            errors[key] = _too_long(limit)
    for key, limit in (("footer", 2048), ("author", 256)):
        part = embed.get(key) or {}
        text = part.get("text" if key == "footer" else "name") or ""
        size += len(text)
        if len(text) > limit:
            errors[key] = {("text" if key == "footer" else "name"): _too_long(limit)}
    fields = embed.get("fields") or []
    if len(fields) > FIELDS_MAX:
        errors["fields"] = _too_long(FIELDS_MAX)
    field_errors: Errors = {}
    for index, field in enumerate(fields):
        one: Errors = {}
        for key, limit in FIELD_LIMITS.items():
            text = field.get(key) or ""
            size += len(text)
            if not text:
                one[key] = _required()
            elif len(text) > limit:
                one[key] = _too_long(limit)
        if one:
            field_errors[str(index)] = one
    if field_errors:
        errors.setdefault("fields", {}).update(field_errors)
    return errors, size


def _component_errors(components: Sequence[Mapping[str, Any]]) -> Errors:
    errors: Errors = {}
    if len(components) > ACTION_ROWS_MAX:
        return {"_errors": _too_long(ACTION_ROWS_MAX)["_errors"]}
    seen_ids: set[str] = set()
    for row_index, row in enumerate(components):
        row_errors: Errors = {}
        children = row.get("components") or []
        if row.get("type") == 1 and len(children) > BUTTONS_PER_ROW_MAX:
            row_errors["components"] = _too_long(BUTTONS_PER_ROW_MAX)
        for child_index, child in enumerate(children):
            child_errors: Errors = {}
            custom_id = child.get("custom_id")
            if custom_id is not None:
                if len(custom_id) > CUSTOM_ID_MAX:
                    child_errors["custom_id"] = _too_long(CUSTOM_ID_MAX)
                elif custom_id in seen_ids:
                    child_errors["custom_id"] = form_error(
                        "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
                    )
                seen_ids.add(custom_id)
            elif child.get("type") == 2 and child.get("style") not in (5, 6):
                child_errors["custom_id"] = _required()
            if len(child.get("label") or "") > BUTTON_LABEL_MAX:
                child_errors["label"] = _too_long(BUTTON_LABEL_MAX)
            if len(child.get("options") or []) > SELECT_OPTIONS_MAX:
                child_errors["options"] = _too_long(SELECT_OPTIONS_MAX)
            if child_errors:
                row_errors.setdefault("components", {})[str(child_index)] = child_errors
        if row_errors:
            errors[str(row_index)] = row_errors
    return errors


def message_errors(body: Mapping[str, Any]) -> Errors:
    """Form errors for a create or edit message body; empty when Discord would accept it."""
    errors: Errors = {}
    content = body.get("content")
    if content is not None and len(str(content)) > CONTENT_MAX:
        errors["content"] = _too_long(CONTENT_MAX)
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        errors["embeds"] = _too_long(EMBEDS_MAX)
    else:
        total = 0
        embed_errors: Errors = {}
        for index, embed in enumerate(embeds):
            one, size = _embed_errors(embed)
            total += size
            if one:
                embed_errors[str(index)] = one
        if total > EMBED_TOTAL_MAX:
            embed_errors["_errors"] = [
                {
                    "code": "MAX_EMBED_SIZE_EXCEEDED",
                    "message": f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}",
                }
            ]
        if embed_errors:
            errors["embeds"] = embed_errors
    flags = int(body.get("flags") or 0)
    components = body.get("components") or []
    if flags & (1 << 15):
        if content or embeds:
            errors["content"] = form_error(
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'content' and 'embeds' fields cannot be used with components v2",
            )
    elif components:
        component_errors = _component_errors(components)
        if component_errors:
            errors["components"] = component_errors
    return errors


def is_empty_message(message: Mapping[str, Any]) -> bool:
    """Discord refuses messages with nothing to show (code 50006)."""
    return not (
        message.get("content")
        or message.get("embeds")
        or message.get("attachments")
        or message.get("components")
        or message.get("sticker_ids")
        or message.get("poll")
    )


def autocomplete_errors(data: Mapping[str, Any]) -> Errors:
    choices = data.get("choices")
    if choices is None:
        return {"choices": _required()}
    if len(choices) > CHOICES_MAX:
        return {"choices": _too_long(CHOICES_MAX)}
    errors: Errors = {}
    for index, choice in enumerate(choices):
        one: Errors = {}
        name = str(choice.get("name") or "")
        if not name:
            one["name"] = _required()
        elif len(name) > CHOICE_TEXT_MAX:
            one["name"] = _too_long(CHOICE_TEXT_MAX)
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_TEXT_MAX:
            one["value"] = _too_long(CHOICE_TEXT_MAX)
        if one:
            errors[str(index)] = one
    return {"choices": errors} if errors else {}


def modal_errors(data: Mapping[str, Any]) -> Errors:
    errors: Errors = {}
    title = str(data.get("title") or "")
    if not title:
        errors["title"] = _required()
    elif len(title) > MODAL_TITLE_MAX:
        errors["title"] = _too_long(MODAL_TITLE_MAX)
    custom_id = str(data.get("custom_id") or "")
    if not custom_id:
        errors["custom_id"] = _required()
    elif len(custom_id) > CUSTOM_ID_MAX:
        errors["custom_id"] = _too_long(CUSTOM_ID_MAX)
    if not 1 <= len(data.get("components") or []) <= 5:
        errors["components"] = form_error(
            "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."
        )
    return errors
