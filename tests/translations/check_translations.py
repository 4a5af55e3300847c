#!/usr/bin/env python3
"""Checks that a .ts catalogue is complete and current.

1. Current: lupdate run over the sources finds exactly the messages the catalogue has, so no
   string was added, changed or removed without `cmake --build build --target
   update_translations`.
2. Complete: every message has a finished, non-empty translation.
3. Consistent: a translation uses the same %1..%9 placeholders as its source.
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(\d)")
SOURCE_DIRS = ("app", "ui")


def messages(ts_path):
    tree = ET.parse(ts_path)
    result = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            result[key] = message
    return result


def translation_texts(message):
    translation = message.find("translation")
    if translation is None:
        return None, []
    forms = translation.findall("numerusform")
    texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
    return translation, texts


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--ts", required=True)
    parser.add_argument("--source-root", required=True)
    args = parser.parse_args()

    root = pathlib.Path(args.source_root)
    problems = []

    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp) / "fresh.ts"
        dirs = [str(root / d) for d in SOURCE_DIRS if (root / d).is_dir()]
        subprocess.run([args.lupdate, *dirs, "-extensions", "cpp,h", "-no-obsolete",
                        "-locations", "none", "-silent", "-ts", str(fresh)],
                       check=True, stdout=subprocess.DEVNULL)
        expected = set(messages(fresh))

    committed = messages(args.ts)
    for context, source, _ in sorted(expected - set(committed)):
        problems.append(f"not in the catalogue: [{context}] {source!r}")
    for context, source, _ in sorted(set(committed) - expected):
        problems.append(f"no longer in the sources: [{context}] {source!r}")
    if problems:
        problems.append("run: cmake --build build --target update_translations, then translate")

    for (context, source, _), message in sorted(committed.items()):
        translation, texts = translation_texts(message)
        kind = translation.get("type") if translation is not None else "missing"
        if kind in ("unfinished", "missing", "vanished", "obsolete"):
            problems.append(f"not translated ({kind}): [{context}] {source!r}")
            continue
        for text in texts:
            if not text.strip():
                problems.append(f"empty translation: [{context}] {source!r}")
            elif sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                problems.append(f"placeholders differ: [{context}] {source!r} -> {text!r}")

    for p in problems:
        print(p)
    print(f"{args.ts}: {len(committed)} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
