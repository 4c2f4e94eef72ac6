"""PyTorch reference for `npm run bench`: the same GPT as the lab's, AdamW,
masked loss, gradient clipping. Times one forward+backward+update after
warm-up and prints JSON. Runs only where PyTorch is installed (Debian:
python3-torch); it is a benchmark, not a dependency.

    python3 scripts/bench_torch.py [steps [threads]] [--device cpu|cuda] [--model skills|text] [--batch N]
    python3 scripts/bench_torch.py 30 --device cuda --model skills,text --batch-scales 1,4,8   (one JSON line each)

--model skills (default): d_model 64, 2 layers, 4 heads, MLP 256, vocabulary 32,
context 20, batch 32. --model text: the text scenario's model (vocabulary 70,
context 128, the head tied to the token table), batch 8. --batch overrides the
batch; --batch-scales times the model's batch, for each model listed (one
process: torch and CUDA start once). On cuda each step ends with loss.item() (one blocking readback, as the
lab reads each step's loss) and the timing with torch.cuda.synchronize().
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MODELS = {
    # vocab, context, d_model, layers, heads, d_ff, batch, tied head
    'skills': dict(V=32, T=20, D=64, L=2, H=4, FF=256, B=32, tied=False),
    'text': dict(V=70, T=128, D=64, L=2, H=4, FF=256, B=8, tied=True),
}


class Block(nn.Module):
    def __init__(self, T, D, H, FF):
        super().__init__()
        self.heads = H
        self.ln1 = nn.LayerNorm(D)
        self.q, self.k, self.v, self.o = (nn.Linear(D, D) for _ in range(4))
        self.ln2 = nn.LayerNorm(D)
        self.up = nn.Linear(D, FF)
        self.down = nn.Linear(FF, D)
        self.register_buffer('mask', torch.full((T, T), float('-inf')).triu(1))

    def forward(self, x):
        b, t, d = x.shape
        H = self.heads
        h = self.ln1(x)
        split = lambda y: y.view(b, t, H, d // H).transpose(1, 2)
        q, k, v = split(self.q(h)), split(self.k(h)), split(self.v(h))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(d // H) + self.mask[:t, :t]
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(y)
        return x + self.down(F.gelu(self.up(self.ln2(x)), approximate='tanh'))


class Gpt(nn.Module):
    def __init__(self, V, T, D, L, H, FF, tied):
        super().__init__()
        self.wte = nn.Embedding(V, D)
        self.wpe = nn.Embedding(T, D)
        self.blocks = nn.ModuleList(Block(T, D, H, FF) for _ in range(L))
        self.lnf = nn.LayerNorm(D)
        self.tied = tied
        if tied:
            self.head_bias = nn.Parameter(torch.zeros(V))
        else:
            self.head = nn.Linear(D, V)
        self.register_buffer('positions', torch.arange(T))

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(self.positions[: ids.shape[1]])
        for block in self.blocks:
            x = block(x)
        x = self.lnf(x)
        return x @ self.wte.weight.t() + self.head_bias if self.tied else self.head(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('steps', nargs='?', type=int, default=50)
    parser.add_argument('threads', nargs='?', type=int, default=2)
    parser.add_argument('--device', default='cpu', help='cpu (default) or cuda')
    parser.add_argument('--model', default='skills', help='skills, text, or both: skills,text')
    parser.add_argument('--batch', type=int, default=None, help="the batch (default: the model's own)")
    parser.add_argument('--batch-scales', default='1', help="multiples of the model's batch, e.g. 1,4,8")
    args = parser.parse_args()
    models = args.model.split(',')
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        parser.error(f"--model: {', '.join(unknown)} (choose from {', '.join(MODELS)})")
    device = torch.device(args.device)
    if device.type == 'cuda' and not torch.cuda.is_available():
        raise SystemExit('cuda: torch.cuda.is_available() is False')
    torch.set_num_threads(args.threads)
    for name in models:
        for scale in (int(x) for x in args.batch_scales.split(',')):
            batch = (args.batch or MODELS[name]['B']) * scale
            print(json.dumps(measure(name, batch, args.steps, device)), flush=True)


def measure(name, B, steps, device):
    m = MODELS[name]
    V, T = m['V'], m['T']
    cuda = device.type == 'cuda'
    torch.manual_seed(0)
    model = Gpt(V, T, m['D'], m['L'], m['H'], m['FF'], m['tied']).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)
    ids = torch.randint(0, V, (B, T), device=device)
    targets = torch.randint(0, V, (B * T,), device=device)
    mask = (torch.rand(B * T, device=device) < 0.5).float()

    def step():
        logits = model(ids).view(B * T, V)
        loss = (F.cross_entropy(logits, targets, reduction='none') * mask).sum() / mask.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    sync = torch.cuda.synchronize if cuda else (lambda: None)
    started = time.perf_counter()
    step()
    sync()
    first_ms = 1000 * (time.perf_counter() - started)
    for _ in range(4):
        step()
    sync()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    sync()
    ms = 1000 * (time.perf_counter() - start) / steps
    params = sum(p.numel() for p in model.parameters())
    result = {
        'msPerStep': ms,
        'firstStepMs': first_ms,
        'steps': steps,
        'params': params,
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'device': str(device),
        'model': name,
        'batch': f'{B} × {T}',
    }
    if cuda:
        result['gpu'] = torch.cuda.get_device_name(device)
    return result


if __name__ == '__main__':
    main()
