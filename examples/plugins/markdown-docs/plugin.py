#!/usr/bin/env python3
"""An example bpc plugin (docs/plugins.md): writes a data dictionary of the blueprint in Markdown,
DATA.md (every entity with its fields, types and constraints) and API.md (every operation with
its method, path and roles), from the IR bpc sends on stdin.

Options (`bpc build --plugin-option KEY=VALUE`): `title` replaces the document's title.
Standard library only; it needs nothing but python3."""

import json
import sys


def type_name(ir, index):
    kind = ir["types"][index]
    name = kind["kind"]
    if name == "scalar":
        return kind["scalar"]
    if name == "optional":
        return type_name(ir, kind["element"]) + "?"
    if name in ("list", "set"):
        return f"{name}<{type_name(ir, kind['element'])}>"
    if name == "map":
        return f"map<{type_name(ir, kind['key'])}, {type_name(ir, kind['value'])}>"
    table = {"alias": "aliases", "struct": "structs", "enum": "enums", "entity": "entities"}.get(name)
    if table is not None and "declaration" in kind:
        return ir[table][kind["declaration"]]["name"]
    return name


def cell(text):
    """Text for a Markdown table cell: nothing from the blueprint can break the table."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def constraints(field):
    shown = []
    for name, value in sorted(field["constraints"].items()):
        if value is True:
            shown.append(name)
        elif value not in (None, False):
            shown.append(f"{name} {value}")
    return ", ".join(shown)


def data_dictionary(ir, title):
    lines = [f"# {cell(title)}", ""]
    header = ir["header"]
    if header.get("description"):
        lines += [cell(header["description"]), ""]
    for entity in ir["entities"]:
        lines += [f"## {cell(entity['name'])}", ""]
        if entity.get("doc"):
            lines += [cell(entity["doc"]), ""]
        lines += ["| field | type | constraints | description |", "|---|---|---|---|"]
        for index in entity["fields"]:
            field = ir["fields"][index]
            lines.append(f"| {cell(field['name'])} | {cell(type_name(ir, field['type']))} | "
                         f"{cell(constraints(field))} | {cell(field.get('doc', ''))} |")
        lines.append("")
    return "\n".join(lines)


def api_reference(ir):
    lines = ["# Operations", "", "| API | operation | method | path | roles |", "|---|---|---|---|---|"]
    for operation in ir["operations"]:
        api = ir["apis"][operation["api"]] if operation.get("api") is not None else None
        roles = ", ".join(ir["roles"][role]["name"] for role in operation.get("roles") or [])
        base = api["basePath"] if api else ""
        lines.append(f"| {cell(api['name'] if api else '')} | {cell(operation['name'])} | "
                     f"{cell(operation.get('method') or '')} | {cell(base + (operation.get('path') or ''))} | {cell(roles)} |")
    return "\n".join(lines) + "\n"


def main():
    request = json.load(sys.stdin)
    if request.get("protocol") != 1:
        json.dump({"diagnostics": [{"severity": "error", "message": "this plugin speaks protocol 1"}]}, sys.stdout)
        return
    ir = request["ir"]
    title = request.get("options", {}).get("title") or f"{ir['header']['name']}: data dictionary"
    answer = {"files": [{"path": "DATA.md", "contents": data_dictionary(ir, title)},
                        {"path": "API.md", "contents": api_reference(ir)}],
              "diagnostics": []}
    if not ir["entities"]:
        answer["diagnostics"].append({"severity": "warning", "message": "the blueprint has no entities to describe"})
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
