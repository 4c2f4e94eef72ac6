"""The figures of scripts/gpu/measure.sh side by side: python3 scripts/gpu/summarize.py OUT_DIR.
Reads bench-webgpu.json, bench-wasm.json, torch.jsonl and measure.log (the GPU's name); a part
that left no JSON is reported from its log's last lines."""
import json
import os
import re
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('OUT', '/tmp/gpuout')
lines = []
say = lines.append


def load(name):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def fmt(x, digits=1):
    return '—' if x is None else f'{x:,.{digits}f}'


try:
    log = open(os.path.join(out, 'measure.log')).read()
except OSError:
    log = ''
gpu = re.findall(r'^GPU \d+: .*$', log, re.M)
say(f"Machine: {'; '.join(gpu) or 'no nvidia-smi -L line'}")
for status in re.findall(r'^== (?:webgpu|wasm|torch-\S+): exit .*$', log, re.M):
    say(f'  {status[3:]}')

tfjs = {}
for backend in ('webgpu', 'wasm'):
    bench = load(f'bench-{backend}.json')
    if bench is None:
        say(f'{backend}: no JSON (see bench-{backend}.log)')
        try:
            tail = open(os.path.join(out, f'bench-{backend}.log')).read().strip().splitlines()[-6:]
            for l in tail:
                say(f'    {l}')
        except OSError:
            pass
        continue
    m = bench['machine']
    for name, why in bench.get('skipped', {}).items():
        say(f'{name}: not run: {why}')
    for f in bench['node']:
        tfjs[f['backend']] = f
        a = f.get('adapterInfo')
        say(f"tfjs {f['backend']} (Node {m['node']}, {m['cpus']} × {m['model']}):")
        if a:
            say(f"  adapter: vendor {a['vendor']!r}, architecture {a['architecture']!r}, {a['description'] or a['device']!r}, "
                f"isFallbackAdapter {str(a['isFallbackAdapter']).lower()}, via {a['source']} ({a['icd']})")
        say(f"  skills step (batch 32 × 20): {fmt(f['msPerStep'])} ms/step (first {fmt(f['firstStepMs'], 0)} ms), "
            f"{f['kernelsPerStep']} kernels/step, {f['readbacksPerStep']} blocking readbacks/step"
            + ('' if f['gpuErrors'] is None else f", {f['gpuErrors']} GPU validation errors/device losses"))
        d = f.get('defaultRun')
        if d:
            say(f"  default skills run ({d['steps']} steps, {d['evals']} evaluations): {d['wallMs'] / 1000:.2f} s wall, "
                f"{d['msPerStep']:.1f} ms/step, evaluation {100 * d['evalShare']:.1f}%; first run of a session "
                f"{d['first']['wallMs'] / 1000:.2f} s, evaluation {100 * d['first']['evalShare']:.1f}%")
        t = f.get('text')
        if t:
            d = t['defaultRun']
            say(f"  text step (batch {t['batch']}): {fmt(t['msPerStep'])} ms/step, {t['kernelsPerStep']} kernels/step; "
                f"default text run ({d['steps']} steps, {d['evals']} evaluations): {d['wallMs'] / 1000:.2f} s wall, "
                f"evaluation {100 * d['evalShare']:.1f}%, {d['readbacksPerStep']} readbacks/step; first {d['first']['wallMs'] / 1000:.2f} s")
        for s in f.get('batchScales') or []:
            say(f"  {s['scenario']} batch {s['batch']}: {fmt(s['msPerStep'])} ms/step (first {fmt(s['firstStepMs'], 0)} ms)")

torch = []
try:
    for l in open(os.path.join(out, 'torch.jsonl')):
        l = l.strip()
        if l.startswith('{'):
            torch.append(json.loads(l))
except OSError:
    pass
if torch:
    say(f"PyTorch {torch[0]['torch']} (ms/step; batch rows × tokens):")
    for r in torch:
        where = r.get('gpu') or f"cpu, {r['threads']} thread(s)"
        say(f"  {r['device']:<6} {r['model']:<6} {r['batch']:<10} {fmt(r['msPerStep'], 2):>9} ms/step (first {fmt(r['firstStepMs'], 0)} ms)  [{where}]")
else:
    say('PyTorch: no figures (see measure.log)')


def tfjs_ms(backend, model, batch):
    f = tfjs.get(backend)
    if not f:
        return None
    if model == 'skills' and batch == '32 × 20':
        return f['msPerStep']
    if model == 'text' and f.get('text') and f['text']['batch'] == batch:
        return f['text']['msPerStep']
    return next((s['msPerStep'] for s in f.get('batchScales') or [] if s['scenario'] == model and s['batch'] == batch), None)


rows = sorted({(r['model'], r['batch']) for r in torch}, key=lambda k: (k[0] != 'skills', int(k[1].split()[0])))
if rows:
    say('Side by side, ms/step (same model and batch):')
    say(f"  {'model':<6} {'batch':<10} {'webgpu':>9} {'torch cuda':>11} {'wasm':>9} {'torch cpu best':>15}")
    for model, batch in rows:
        cuda = min((r['msPerStep'] for r in torch if r['model'] == model and r['batch'] == batch and r['device'].startswith('cuda')), default=None)
        cpu = [r for r in torch if r['model'] == model and r['batch'] == batch and r['device'] == 'cpu']
        best = min(cpu, key=lambda r: r['msPerStep']) if cpu else None
        cpu_s = f"{best['msPerStep']:.2f} ({best['threads']}t)" if best else '—'
        say(f"  {model:<6} {batch:<10} {fmt(tfjs_ms('webgpu', model, batch), 2):>9} {fmt(cuda, 2):>11} {fmt(tfjs_ms('wasm', model, batch), 2):>9} {cpu_s:>15}")
print('\n'.join(lines))
