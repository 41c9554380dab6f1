"""Fill or check msgstrs in a catalogue: `po_fill.py PO [TSV]`.

With a TSV of `msgid<TAB>msgstr` (optionally `context<TAB>msgid<TAB>msgstr`),
fills those entries and clears their fuzzy flag. Without one, lists the
entries that are untranslated or fuzzy and exits 1 when there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main() -> int:
    po_path = Path(sys.argv[1])
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    if len(sys.argv) > 2:
        for line in Path(sys.argv[2]).read_text().splitlines():
            if not line.strip():
                continue
            parts = line.split("\t")
            context, msgid, msgstr = parts if len(parts) == 3 else (None, *parts)
            message = catalog.get(msgid, context=context)
            if message is None:
                print(f"not in catalogue: {msgid!r}", file=sys.stderr)
                continue
            message.string = (msgstr,) if message.pluralizable else msgstr
            message.flags.discard("fuzzy")
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100)
    missing = [
        m for m in catalog
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    for message in missing:
        print(f"untranslated: {message.id!r} (context {message.context!r})")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
