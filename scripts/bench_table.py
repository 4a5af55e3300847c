#!/usr/bin/env python3
"""Medians of benchmark runs as Markdown tables, for scripts/bench-compare.sh and
scripts/bench-broker.sh.

    bench_table.py compare|broker RESULTS

RESULTS holds parlor-bench's key=value summary lines (one per run, with preset= and label=).
Each table has one row per server or set-up, with the median of each key over the runs (a
missing or negative value, such as -1 for "not measured", is left out), then, for `compare`,
the ratios of Parlor's medians to the references'. The ramp also lists each run's saturation,
since single runs vary a lot on a shared machine.
"""
import statistics
import sys
from collections import defaultdict

IDLE = ['joined', 'handshakes_per_s', 'handshake_p99_ms', 'welcome_p99_ms', 'join_wall_s',
        'server_kib_per_peer', 'server_rss_idle_kib', 'server_rss_after_kib']
KINDS = {
    'compare': {
        'title': 'server',
        'order': ['parlor-rich', 'parlor-plain', 'node-ws', 'c-epoll'],
        'ratios': {'node-ws': ['parlor-rich', 'parlor-plain'],
                   'c-epoll': ['parlor-rich', 'parlor-plain']},
        'metrics': {
            'fanout': ['deliveries_per_s', 'delivered_pct', 'p50_ms', 'p99_ms', 'p999_ms',
                       'max_ms', 'server_cpu_pct'],
            'ramp': ['saturation_deliveries_per_s', 'p99_ms', 'server_cpu_pct',
                     'bench_cpu_limited'],
            'idle1000': IDLE,
            'idle5000': IDLE,
            'large': ['joined', 'join_wall_s', 'welcome_p99_ms', 'delivered_pct', 'p50_ms',
                      'p99_ms', 'p999_ms', 'server_cpu_pct'],
        },
    },
    'broker': {
        'title': 'set-up',
        'order': ['alone', 'broker1', 'broker2'],
        'ratios': {},
        'metrics': {
            'fanout': ['deliveries_per_s', 'delivered_pct', 'p50_ms', 'p99_ms', 'p99_same_ms',
                       'p99_cross_ms', 'max_ms', 'server_cpu_pct', 'broker_cpu_pct',
                       'server_wait_pct', 'bench_wait_pct'],
            'ramp': ['saturation_deliveries_per_s', 'p99_ms', 'p99_same_ms', 'p99_cross_ms',
                     'server_cpu_pct', 'broker_cpu_pct', 'server_wait_pct', 'bench_wait_pct',
                     'bench_cpu_limited'],
        },
    },
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in KINDS:
        sys.exit(__doc__)
    kind = KINDS[sys.argv[1]]
    runs = defaultdict(list)
    with open(sys.argv[2]) as results:
        for line in results:
            fields = dict(item.split('=', 1) for item in line.split() if '=' in item)
            if 'preset' in fields:
                runs[(fields['preset'], fields['label'])].append(fields)

    for preset, keys in kind['metrics'].items():
        labels = [label for label in kind['order'] if (preset, label) in runs]
        if not labels:
            continue
        print(f'\n### {preset} (median of {max(len(runs[(preset, l)]) for l in labels)} runs)\n')
        print(f"| {kind['title']} | " + ' | '.join(keys) + ' |')
        print('|---' * (len(keys) + 1) + '|')
        med = {}
        for label in labels:
            values = []
            for key in keys:
                numbers = [float(r[key]) for r in runs[(preset, label)]
                           if r.get(key, '-') not in ('-', '') and float(r[key]) >= 0]
                med[(label, key)] = statistics.median(numbers) if numbers else None
                values.append('—' if med[(label, key)] is None else f'{med[(label, key)]:g}')
            print(f'| {label} | ' + ' | '.join(values) + ' |')
        for ref, compared in kind['ratios'].items():
            for label in compared:
                if ref not in labels or label not in labels:
                    continue
                ratios = []
                for key in keys:
                    a, b = med.get((label, key)), med.get((ref, key))
                    ratios.append(f'{a / b:.2f}×' if a is not None and b else '—')
                print(f'| {label} ÷ {ref} | ' + ' | '.join(ratios) + ' |')
        if preset == 'ramp':
            print()
            for label in labels:
                each = ', '.join(r.get('saturation_deliveries_per_s', '—')
                                 for r in runs[(preset, label)])
                print(f'- {label}: saturation of each run {each}')


if __name__ == '__main__':
    main()
