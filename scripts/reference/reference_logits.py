#!/usr/bin/env python3
"""Reference logits for the two shipped base models, from plain PyTorch.

The lab's engine is tfjs (src/engine/model/gpt.ts). This script is an
independent second implementation of the same GPT: it reads a checkpoint
(manifest.json + weights.bin under public/models/) with nothing but json and
numpy, runs the forward pass in PyTorch, and writes the logits of a few fixed
token sequences to reference-logits.json beside it. The unit test
src/engine/model/referenceLogits.test.ts holds the engine's forward pass to
those numbers (max |difference| <= 1e-4).

Running it is optional: the JSON is committed, and the tests never call
Python. Rerun it only when a shipped checkpoint changes (the test names the
checkpoint whose weights no longer match the hash recorded here):

    apt-get install -y python3-torch        # Debian's PyTorch (and numpy)
    python3 scripts/reference/reference_logits.py

(With pyenv or a virtualenv in front of the system Python, run Debian's own:
/usr/bin/python3 scripts/reference/reference_logits.py.)

The model, as the checkpoint format defines it (nanoGPT's, with these
conventions): weights are stored (in, out) and a linear layer is x W + b;
pre-LayerNorm blocks with eps 1e-5; causal multi-head attention scaled by
1/sqrt(d_head); GPT-2's tanh-approximate GELU; a final LayerNorm; the head is
its own `head.weight` or, with dims.tiedHead, the token table (x wte^T), plus
`head.bias`. It computes in float64 from the float32 weights, so the reference
is the exact value of the stored model up to float64 rounding; the engine's
float32 arithmetic is what the test's tolerance allows for.
"""
import hashlib
import json
import math
import sys
from pathlib import Path

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as missing:
    sys.exit(f'{missing}: install Debian\'s python3-torch (apt-get install -y python3-torch) and run this with the Python it installs into (/usr/bin/python3)')

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name('reference-logits.json')
LN_EPS = 1e-5
DTYPE = torch.float64

# The fixed inputs. Skills sequences are whole training sequences (prompt,
# answer, <eos>) written in the skills vocabulary's tokens; text sequences are
# characters of the text vocabulary. The longest of each fills the model's
# whole context, so every position embedding is used.
INPUTS = {
    'skills': {
        'dir': 'public/models/base',
        'sequences': [
            '<rev> 3 8 1 = 1 8 3 <eos>',
            '<sort> 5 0 9 2 7 1 4 = 0 1 2 4 5 7 9 <eos>',
            '<succ> 9 9 9 9 9 9 9 9 = 1 0 0 0 0 0 0 0 0 <eos>',
        ],
    },
    'text': {
        'dir': 'public/models/text',
        'sequences': [
            'the man said ',
            'she said a letter had come for him, and he read it twice.\n'
            '"when?" he asked; the answer was 1961 -- or so the report said {x=10;}',
        ],
    },
}


# ---------------------------------------------------------------- checkpoint


def read_checkpoint(model_dir):
    """The manifest and the weights by name: float32 little-endian, concatenated in weightSpecs order."""
    manifest = json.loads((model_dir / 'manifest.json').read_text())
    raw = (model_dir / manifest['weightsFile']).read_bytes()
    weights, offset = {}, 0
    for spec in manifest['weightSpecs']:
        assert spec['dtype'] == 'float32' and 'quantization' not in spec, spec
        count = math.prod(spec['shape'])
        array = np.frombuffer(raw, dtype='<f4', count=count, offset=offset).reshape(spec['shape'])
        weights[spec['name']] = torch.from_numpy(array.copy())
        offset += 4 * count
    assert offset == len(raw), f'{model_dir}: {len(raw) - offset} bytes left after the last weight'
    file_info = {'file': manifest['weightsFile'], 'bytes': len(raw), 'sha256': hashlib.sha256(raw).hexdigest()}
    return manifest, weights, file_info


def encode(scenario, sequence, vocabulary):
    """Token ids: the skills vocabulary's tokens are space-separated, the text vocabulary's are characters."""
    symbols = sequence.split(' ') if scenario == 'skills' else list(sequence)
    return [vocabulary.index(s) for s in symbols]


# ---------------------------------------------------------------- the model


def linear(w, name, x):
    return x @ w[f'{name}.weight'] + w[f'{name}.bias']


def layer_norm(w, name, x):
    return F.layer_norm(x, x.shape[-1:], w[f'{name}.gain'], w[f'{name}.bias'], eps=LN_EPS)


def gelu(x):
    """GPT-2's GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


def causal_self_attention(w, h, x, n_heads):
    t, d = x.shape
    split = lambda y: y.view(t, n_heads, d // n_heads).transpose(0, 1)  # (heads, t, d_head)
    q, k, v = (split(linear(w, f'{h}.attn.{p}', x)) for p in 'qkv')
    att = (q @ k.transpose(-1, -2)) / math.sqrt(d // n_heads)
    future = torch.ones(t, t, dtype=torch.bool).triu(1)
    att = att.masked_fill(future, float('-inf')).softmax(-1)
    y = (att @ v).transpose(0, 1).reshape(t, d)
    return linear(w, f'{h}.attn.o', y)


def block(w, h, x, n_heads):
    x = x + causal_self_attention(w, h, layer_norm(w, f'{h}.ln1', x), n_heads)
    return x + linear(w, f'{h}.mlp.down', gelu(linear(w, f'{h}.mlp.up', layer_norm(w, f'{h}.ln2', x))))


def forward(w, dims, ids):
    """Logits (T, vocab) for one sequence of token ids."""
    ids = torch.tensor(ids)
    x = w['wte.weight'][ids] + w['wpe.weight'][torch.arange(len(ids))]
    for i in range(dims['nLayers']):
        x = block(w, f'h{i}', x, dims['nHeads'])
    x = layer_norm(w, 'lnf', x)
    head = w['wte.weight'].T if dims.get('tiedHead') else w['head.weight']
    return x @ head + w['head.bias']


# ---------------------------------------------------------------- the file


def reference(scenario, spec):
    manifest, weights, file_info = read_checkpoint(ROOT / spec['dir'])
    dims = manifest['dims']
    sequences, float32_gap = [], 0.0
    for text in spec['sequences']:
        ids = encode(scenario, text, manifest['vocabulary'])
        assert len(ids) <= dims['context'], f'{text!r} is longer than the context'
        with torch.no_grad():
            logits = forward({k: v.to(DTYPE) for k, v in weights.items()}, dims, ids)
            # How far plain float32 arithmetic lands from it: the scale of rounding the tolerance covers.
            float32_gap = max(float32_gap, (forward(weights, dims, ids).to(DTYPE) - logits).abs().max().item())
        sequences.append({'text': text, 'ids': ids, 'logits': [[round(v, 6) for v in row] for row in logits.tolist()]})
    return {
        'scenario': scenario,
        'dir': spec['dir'],
        'weights': file_info,
        'dims': dims,
        'float32MaxAbsDiff': float(f'{float32_gap:.3g}'),
        'sequences': sequences,
    }


def write(data):
    """JSON with one logits row per line: small diffs when a checkpoint changes."""
    rows = {}

    def stash(obj):
        if isinstance(obj, dict):
            return {k: stash(v) for k, v in obj.items()}
        if isinstance(obj, list) and obj and all(isinstance(v, (int, float)) for v in obj):
            key = f'@row{len(rows)}@'
            rows[key] = json.dumps(obj, separators=(',', ':'))
            return key
        if isinstance(obj, list):
            return [stash(v) for v in obj]
        return obj

    text = json.dumps(stash(data), indent=1)
    for key, row in rows.items():
        text = text.replace(f'"{key}"', row)
    OUT.write_text(text + '\n')


def main():
    torch.set_num_threads(1)
    models = [reference(scenario, spec) for scenario, spec in INPUTS.items()]
    write({
        'about': 'Logits of the shipped base models for fixed inputs, computed independently of the engine in PyTorch (float64). '
                 'src/engine/model/referenceLogits.test.ts holds the engine to them.',
        'script': 'scripts/reference/reference_logits.py',
        'torch': torch.__version__,
        'numpy': np.__version__,
        'python': sys.version.split()[0],
        'dtype': str(DTYPE).replace('torch.', ''),
        'models': models,
    })
    for m in models:
        positions = sum(len(s['ids']) for s in m['sequences'])
        print(f"{m['scenario']}: {len(m['sequences'])} sequences, {positions} positions, float32 vs float64 max |diff| {m['float32MaxAbsDiff']}")
    print(f'wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)')


if __name__ == '__main__':
    main()
