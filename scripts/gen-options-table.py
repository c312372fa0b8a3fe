#!/usr/bin/env python3
"""gen-options-table.py - print README's ALLOCSITE_OPTIONS table (Markdown) from runtime/options.def.

The option list has one source of truth, options.def; this keeps the README's table generated
from it rather than copied.

    scripts/gen-options-table.py [path/to/options.def] > table.md
"""
import os
import re
import sys

TYPES = {"BOOL": "bool", "INT": "integer", "STR": "string", "CHOICE": "choice"}


def split_args(text):
    """Splits a macro argument list on top-level commas, keeping string literals whole."""
    args, cur, in_str, esc = [], "", False, False
    for ch in text:
        if in_str:
            cur += ch
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str, cur = True, cur + ch
        elif ch == ",":
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
    args.append(cur.strip())
    return args


def unquote(arg):
    """Joins adjacent C string literals ("a" "b") and undoes their escapes."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    if not parts:
        return arg
    return "".join(bytes(p, "utf-8").decode("unicode_escape") for p in parts)


def options(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"//[^\n]*", "", text)
    for m in re.finditer(r"ALLOCSITE_OPTION\s*\((.*?)\)\s*(?=ALLOCSITE_OPTION|\Z)", text, re.S):
        body = m.group(1)
        typ, name, default, accepted, desc = split_args(" ".join(body.split()))
        if typ == "BOOL":
            default = "1" if default == "true" else "0"
        elif typ in ("STR", "CHOICE"):
            default = unquote(default) or '""'
        yield name, TYPES.get(typ, typ), default, unquote(accepted), unquote(desc)


def cell(s):
    return s.replace("|", "\\|")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "runtime", "options.def")
    print("| Option | Default | Accepted | Description |")
    print("|---|---|---|---|")
    for name, _typ, default, accepted, desc in options(path):
        print(f"| `{name}` | `{cell(default)}` | {cell(accepted)} | {cell(desc)} |")


if __name__ == "__main__":
    main()
