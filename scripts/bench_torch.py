"""PyTorch CPU reference for `npm run bench`: the same GPT (d_model 64, 2 layers,
4 heads, MLP 256, vocabulary 32, context 20), batch 32, AdamW, masked loss.
Times one forward+backward+update after warm-up and prints JSON. Runs only
where Debian's python3-torch is installed; it is a benchmark, not a dependency.
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

V, T, D, L, H, FF, B = 32, 20, 64, 2, 4, 256, 32


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D)
        self.q, self.k, self.v, self.o = (nn.Linear(D, D) for _ in range(4))
        self.ln2 = nn.LayerNorm(D)
        self.up = nn.Linear(D, FF)
        self.down = nn.Linear(FF, D)
        self.register_buffer('mask', torch.full((T, T), float('-inf')).triu(1))

    def forward(self, x):
        b, t, _ = x.shape
        h = self.ln1(x)
        split = lambda y: y.view(b, t, H, D // H).transpose(1, 2)
        q, k, v = split(self.q(h)), split(self.k(h)), split(self.v(h))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(D // H) + self.mask[:t, :t]
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, D)
        x = x + self.o(y)
        return x + self.down(F.gelu(self.up(self.ln2(x)), approximate='tanh'))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(V, D)
        self.wpe = nn.Embedding(T, D)
        self.blocks = nn.ModuleList(Block() for _ in range(L))
        self.lnf = nn.LayerNorm(D)
        self.head = nn.Linear(D, V)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.lnf(x))


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    torch.manual_seed(0)
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    model = Gpt()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)
    ids = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B * T,))
    mask = (torch.rand(B * T) < 0.5).float()

    def step():
        logits = model(ids).view(B * T, V)
        loss = (F.cross_entropy(logits, targets, reduction='none') * mask).sum() / mask.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(5):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    ms = 1000 * (time.perf_counter() - start) / steps
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({'msPerStep': ms, 'steps': steps, 'params': params, 'torch': torch.__version__, 'threads': torch.get_num_threads()}))


if __name__ == '__main__':
    main()
