#!/usr/bin/env python3
"""Sums two operator profiles of training steps per operator, side by side: the workbench's (`bench train
--profile FILE`, libtorch's profiler inside DJL) and PyTorch's (`bench/pytorch_train_step.py --profile
FILE`, torch.profiler). Self time (an operator's time less that of the operators it called), calls per step
and the engine calls per step (operators not called by another one: what the caller asked for).

    python3 bench/profile_ops.py ours.json theirs.json [--steps 3] [--top 25]
"""
import argparse
import collections
import json


def events(path):
    data = json.load(open(path))
    rows = data["traceEvents"] if isinstance(data, dict) else data
    ops = [e for e in rows if e.get("ph") == "X" and "::" in e.get("name", "") and e.get("cat", "cpu_op") == "cpu_op"]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e["tid"]].append(e)
    return by_thread


def summarise(path):
    """Self milliseconds and calls per operator name, and the number of outermost operators."""
    self_ms, calls, outermost = collections.Counter(), collections.Counter(), 0
    for rows in events(path).values():
        rows.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # (end, name)
        for e in rows:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= start:
                stack.pop()
            if stack:
                self_ms[stack[-1][1]] -= dur / 1000
            else:
                outermost += 1
            self_ms[e["name"]] += dur / 1000
            calls[e["name"]] += 1
            stack.append((start + dur, e["name"]))
    return self_ms, calls, outermost


def main():
    p = argparse.ArgumentParser()
    p.add_argument("ours")
    p.add_argument("theirs")
    p.add_argument("--steps", type=int, default=3, help="steps each profile holds")
    p.add_argument("--top", type=int, default=25)
    a = p.parse_args()
    (ms_a, calls_a, out_a), (ms_b, calls_b, out_b) = summarise(a.ours), summarise(a.theirs)
    n = a.steps
    names = sorted(set(ms_a) | set(ms_b), key=lambda k: -max(ms_a[k], ms_b[k]))
    print(f"{'operator (self time)':44} {'ours ms/step':>12} {'calls':>6} {'pytorch ms/step':>15} {'calls':>6}")
    for k in names[:a.top]:
        print(f"{k[:44]:44} {ms_a[k] / n:12.2f} {calls_a[k] / n:6.0f} {ms_b[k] / n:15.2f} {calls_b[k] / n:6.0f}")
    rest_a = sum(ms_a[k] for k in names[a.top:]) / n
    rest_b = sum(ms_b[k] for k in names[a.top:]) / n
    print(f"{'all others':44} {rest_a:12.2f} {'':6} {rest_b:15.2f}")
    print(f"{'total self time':44} {sum(ms_a.values()) / n:12.2f} {'':6} {sum(ms_b.values()) / n:15.2f}")
    print(f"{'operator calls per step':44} {sum(calls_a.values()) / n:12.0f} {'':6} {sum(calls_b.values()) / n:15.0f}")
    print(f"{'engine calls per step (outermost operators)':44} {out_a / n:12.0f} {'':6} {out_b / n:15.0f}")


if __name__ == "__main__":
    main()
