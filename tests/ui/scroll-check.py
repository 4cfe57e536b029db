#!/usr/bin/env python3
"""scroll-check.py EXPECTED DIRECTION MAX_STEP DUMP... - checks that the lead list
scrolled smoothly through a series of widget dumps (GTK issue 2971 made long lists
jump while scrolling before GTK 4.10.1).

EXPECTED has one lead per line, "name<TAB>company", in the list's order. Each DUMP
is a widget tree printed by the app (tests/ui/lib.sh, dump). In every dump, the
rows fully inside the list's viewport must be a run of consecutive leads of
EXPECTED; from one dump to the next, the run must move in DIRECTION ("down" or
"up") by at least one lead and at most MAX_STEP leads. Prints the first position
of each dump's run; exits 1 with the reason otherwise.
"""
import re
import sys

ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def attrs(line):
    found = {}
    for key, value in ATTR.findall(line):
        found[key] = value[1:-1] if value.startswith('"') else value
    return found


def visible_rows(path):
    """The (name, company) of the rows fully shown in the list, top to bottom."""
    rows = []
    view = None
    row = None
    with open(path, encoding='utf-8') as dump:
        for line in dump:
            if ' unmapped' in line:
                continue
            depth = len(line) - len(line.lstrip(' '))
            if 'GtkColumnListView ' in line:
                a = attrs(line)
                view = (depth, int(a['y']), int(a['y']) + int(a['h']))
                continue
            if view is None or depth <= view[0]:
                if view is not None:
                    break
                continue
            if 'GtkListItemWidget role=row' in line:
                a = attrs(line)
                top, bottom = int(a['y']), int(a['y']) + int(a['h'])
                row = [top, []] if top >= view[1] and bottom <= view[2] else None
                if row is not None:
                    rows.append(row)
            elif row is not None and 'GtkLabel ' in line and 'text=' in line:
                row[1].append(attrs(line)['text'])
    rows.sort(key=lambda r: r[0])
    return [tuple(texts[:2]) for _, texts in rows if len(texts) >= 2]


def main():
    if len(sys.argv) < 5 or sys.argv[2] not in ('down', 'up'):
        sys.exit(__doc__)
    expected_path, direction, max_step = sys.argv[1], sys.argv[2], int(sys.argv[3])

    positions = {}
    expected = []
    with open(expected_path, encoding='utf-8') as f:
        for i, line in enumerate(f):
            name, _, company = line.rstrip('\n').partition('\t')
            expected.append((name, company))
            positions.setdefault((name, company), []).append(i)

    previous = None
    for path in sys.argv[4:]:
        rows = visible_rows(path)
        if len(rows) < 5:
            sys.exit(f'{path}: only {len(rows)} rows shown in the list')
        starts = [p for p in positions.get(rows[0], [])
                  if tuple(expected[p:p + len(rows)]) == tuple(rows)]
        if not starts:
            sys.exit(f'{path}: the rows shown are not consecutive leads of the list: {rows}')
        if previous is None:
            start = starts[0] if direction == 'down' else starts[-1]
        else:
            if direction == 'down':
                after = [p for p in starts if p > previous]
                start = after[0] if after else None
            else:
                before = [p for p in starts if p < previous]
                start = before[-1] if before else None
            if start is None or abs(start - previous) > max_step:
                sys.exit(f'{path}: the list jumped from lead {previous} to {starts} '
                         f'(scrolling {direction} by at most {max_step})')
        print(start)
        previous = start


if __name__ == '__main__':
    main()
