# Reproduces the split of the question bank into a tuning part and a held-out
# part: whole conversations stay together, 42 % of the units (a question, or a
# conversation) are held out, chosen by Python's random.Random(20261201).
# Usage: python3 tests/evaluation/split-bank.py  (checks the committed files)
import collections, json, pathlib, random

here = pathlib.Path(__file__).parent
read = lambda name: [json.loads(l) for l in (here / name).read_text().splitlines() if l.strip()]
tune, held = read('bank-tune.jsonl'), read('bank-heldout.jsonl')
units = collections.OrderedDict()
for d in sorted(tune + held, key=lambda d: d['id']):
    units.setdefault(d.get('conv', d['id']), []).append(d)
keys = list(units)
random.Random(20261201).shuffle(keys)
chosen = set(keys[: round(len(keys) * 0.42)])
assert {d['id'] for d in held} == {d['id'] for k in chosen for d in units[k]}, 'the held-out part is not the seeded split'
print(f'{len(tune)} tuning, {len(held)} held out ({100 * len(held) / (len(tune) + len(held)):.0f} %): the seeded split')
