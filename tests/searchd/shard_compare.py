#!/usr/bin/env python3
"""Compares kb-searchd over shards with kb-searchd over one index of the same documents.

Usage: shard_compare.py [--failed ADDRESS]... [--max-seconds S] EXPECTED_URL SHARDED_URL

For every query and filter below, both must give the same total, all_words_total, facets
(every value and count, the theme x provincie matrix, the unknown years) and the same top 10:
the same documents in the same order, each with the same score (to 1e-6), where documents of
equal score may stand in either order (docids, which break ties, interleave across shards).
A wildcard ("schuldhulp*") expands on each shard by itself, so its ranking may differ: for it
only total and facets must be equal.

Without --failed the sharded answer must say it is complete (shards.partial false); with it,
that it is partial and that exactly these shards failed, and EXPECTED_URL is then a kb-searchd
over the shards that answer. Every answer must come with HTTP 200 within --max-seconds.
Exits 1 with the differences.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = [
    '', 'jeugdhulp', 'schulden armoede gemeente', 'eenzaamheid ouderen Drenthe',
    'wmo', 'mantelzorg', 'toeslagenaffaire', 'jonge mantelzorgers',
    'Hoeveel volwassenen in Nederland hadden begin 2023 een geregistreerde problematische schuld?',
    'Hoe snel moet de gemeente Groningen beslissen op een aanvraag voor jeugdhulp?',
    'Wat betekent het voor de eenzaamheid van ouderen als verzorgers door robots worden vervangen?',
    '"sociaal domein"', 'jeugd NOT zorg', 'schuldhulp*', 'titel:armoede',
]
FILTERS = ['', 'provincie=Drenthe', 'theme=jeugdhulp&year_from=2015&year_to=2022',
           'kind=rapport&kind=artikel', 'sort=date']


def get(base, query, extra):
    url = f'{base}/api/search?q={urllib.parse.quote(query)}&size=10'
    if extra:
        url += '&' + extra
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return {'status': error.code, 'body': error.read().decode()[:300], 'hits': []}


def tie_groups(hits):
    """The top 10 as (score, sorted ids of that score) groups, in order."""
    groups = []
    for hit in hits:
        score = round(hit['score'], 6)
        if groups and abs(groups[-1][0] - score) <= 1e-6:
            groups[-1][1].append(hit['id'])
        else:
            groups.append((score, [hit['id']]))
    return [(score, sorted(ids)) for score, ids in groups]


def compare(single, sharded, failed, ranked):
    problems = []
    for answer in (single, sharded):
        if 'status' in answer:
            problems.append(f'HTTP {answer["status"]}: {answer["body"]}')
    for key in ('total', 'all_words_total', 'undated_left_out', 'facets', 'corrected_query'):
        if single.get(key) != sharded.get(key):
            problems.append(f'{key}: {json.dumps(single.get(key))[:300]} != '
                            f'{json.dumps(sharded.get(key))[:300]}')
    shards = sharded.get('shards', {})
    if shards.get('partial') is not bool(failed) or sorted(shards.get('failed', [])) != failed:
        problems.append(f'the answer should be {"partial without " + str(failed) if failed else "complete"}: {shards}')
    a, b = single['hits'], sharded['hits']
    if not ranked:
        pass
    elif len(a) != len(b):
        problems.append(f'{len(a)} hits != {len(b)} hits')
    elif any(x['score'] for x in a):
        # The last group may be cut by the page's end differently: compare it as a prefix.
        ga, gb = tie_groups(a), tie_groups(b)
        if [g[0] for g in ga] != [g[0] for g in gb] or ga[:-1] != gb[:-1]:
            problems.append(f'top 10: {ga} != {gb}')
    elif [x['id'] for x in a] != [x['id'] for x in b] and sorted(x['date'] for x in a) != sorted(
            x['date'] for x in b):
        problems.append(f'top 10 by date: {[x["id"] for x in a]} != {[x["id"] for x in b]}')
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--failed', action='append', default=[])
    parser.add_argument('--max-seconds', type=float, default=30)
    parser.add_argument('expected_url')
    parser.add_argument('sharded_url')
    args = parser.parse_args()
    failures = 0
    checked = 0
    slowest = 0.0
    for query in QUERIES:
        for extra in FILTERS:
            expected = get(args.expected_url, query, extra)
            started = time.monotonic()
            sharded = get(args.sharded_url, query, extra)
            slowest = max(slowest, time.monotonic() - started)
            problems = compare(expected, sharded, sorted(args.failed), not query.endswith('*'))
            checked += 1
            if problems:
                failures += 1
                print(f'DIFFERENT q={query!r} {extra}:')
                for p in problems:
                    print('   ', p)
    print(f'{checked - failures} of {checked} answers over shards equal the expected ones; '
          f'the slowest took {slowest:.2f} s')
    if slowest > args.max_seconds:
        print(f'an answer took {slowest:.2f} s, more than {args.max_seconds} s')
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
