#!/usr/bin/env python3
"""Scores gongwen's notices against hand-written answers (gold files).

    python3 scripts/score.py [--bin target/release/gongwen] [-v] DIR_OR_FILE...

Each document `X.<ext>` beside an answer `X.gold.json` (or `X.blind.gold.json`)
is parsed with the gongwen binary and compared with its answer. The score of
one notice is an F1 over measures:

- gold and parsed measures are paired in document order by text similarity
  (an alignment that keeps order; a pair needs a similarity of 0.5);
- a pair scores the mean of five fields: text (similarity), heading path
  (the titles above the measure), label, deadline (due, ongoing and
  recurrence frequency) and units (F1 over name and role pairs, names split
  into their 、-pieces outside brackets, as ANNOTATION.md says);
- precision = sum of pair scores / parsed measures, recall = the same sum /
  gold measures, score = their harmonic mean.

Texts compare after NFKC (full-width to ASCII), without white space and
punctuation. The script only reads the answers: it never writes one.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

PUNCT = set("，,。.、；;：:！!？?“”\"'‘’（）()《》〈〉【】[]「」—-_ \t\r\n·…")
DOC_EXTS = (".txt", ".docx", ".xlsx", ".xls", ".ods", ".html", ".htm")


def comparable(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if c not in PUNCT and not c.isspace())


def split_pieces(name: str) -> list[str]:
    """A unit name's 、-pieces outside brackets."""
    out, cur, depth = [], "", 0
    for c in unicodedata.normalize("NFKC", name):
        if c in "([（【〔":
            depth += 1
        elif c in ")]）】〕":
            depth = max(0, depth - 1)
        if c == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return [comparable(p) for p in out if comparable(p)]


def flatten(notice: dict) -> list[dict]:
    """Measures in document order, each with the titles of its headings."""
    out: list[dict] = []

    def walk(h: dict, path: list[str]) -> None:
        p = path + [comparable(h.get("title", ""))]
        for m in h.get("measures", []):
            out.append({**m, "_path": p})
        for c in h.get("children", []):
            walk(c, p)

    for m in notice.get("measures", []):
        out.append({**m, "_path": []})
    for h in notice.get("outline", []):
        walk(h, [])
    return out


def sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def units_f1(gold: list[dict], ours: list[dict]) -> float:
    def pairs(units: list[dict]) -> set[tuple[str, str]]:
        s = set()
        for u in units or []:
            role = u.get("role") or "responsible"
            for piece in split_pieces(u.get("name", "")):
                s.add((piece, role))
        return s

    g, o = pairs(gold), pairs(ours)
    if not g and not o:
        return 1.0
    if not g or not o:
        return 0.0
    hit = len(g & o)
    if hit == 0:
        return 0.0
    p, r = hit / len(o), hit / len(g)
    return 2 * p * r / (p + r)


def deadline_score(gold: dict | None, ours: dict | None) -> float:
    def key(d: dict | None):
        if not d:
            return (None, False, None)
        rec = d.get("recurrence") or None
        return (d.get("due"), bool(d.get("ongoing")), rec.get("freq") if rec else None)

    g, o = key(gold), key(ours)
    return sum(1.0 for a, b in zip(g, o) if a == b) / 3


def pair_score(g: dict, o: dict, text_sim: float) -> dict:
    return {
        "text": text_sim,
        "path": 1.0 if g["_path"] == o["_path"] else 0.0,
        "label": 1.0 if comparable(g.get("label")) == comparable(o.get("label")) else 0.0,
        "deadline": deadline_score(g.get("deadline"), o.get("deadline")),
        "units": units_f1(g.get("units", []), o.get("units", [])),
    }


def align(gold: list[dict], ours: list[dict]) -> list[tuple[int, int, float]]:
    """Order-keeping pairing maximizing the summed text similarity."""
    gt = [comparable(m.get("text")) for m in gold]
    ot = [comparable(m.get("text")) for m in ours]
    n, k = len(gt), len(ot)
    # Quick path for very long notices: pair equal texts in order first.
    best = [[0.0] * (k + 1) for _ in range(n + 1)]
    choice = [[0] * (k + 1) for _ in range(n + 1)]
    sims: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        for j in range(k - 1, -1, -1):
            cands = [(best[i + 1][j], 1), (best[i][j + 1], 2)]
            # Only compare texts that are near each other in relative order.
            if abs(i / max(n, 1) - j / max(k, 1)) < 0.35 or n < 40:
                s = sim(gt[i], ot[j])
                if s >= 0.5:
                    sims[(i, j)] = s
                    cands.append((s + best[i + 1][j + 1], 3))
            best[i][j], choice[i][j] = max(cands)
    pairs = []
    i = j = 0
    while i < n and j < k:
        c = choice[i][j]
        if c == 3:
            pairs.append((i, j, sims[(i, j)]))
            i, j = i + 1, j + 1
        elif c == 1:
            i += 1
        else:
            j += 1
    return pairs


def score(gold: dict, ours: dict) -> dict:
    g, o = flatten(gold), flatten(ours)
    pairs = align(g, o)
    fields = {"text": 0.0, "path": 0.0, "label": 0.0, "deadline": 0.0, "units": 0.0}
    total = 0.0
    for i, j, s in pairs:
        ps = pair_score(g[i], o[j], s)
        for f, v in ps.items():
            fields[f] += v
        total += sum(ps.values()) / len(ps)
    p = total / len(o) if o else (1.0 if not g else 0.0)
    r = total / len(g) if g else (1.0 if not o else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    title_ok = comparable(gold.get("meta", {}).get("title")) == comparable(
        ours.get("meta", {}).get("title")
    )
    return {
        "score": f1,
        "gold": len(g),
        "ours": len(o),
        "paired": len(pairs),
        "fields": {f: (v / len(g) if g else 1.0) for f, v in fields.items()},
        "title": title_ok,
    }


def documents(paths: list[str]) -> list[tuple[Path, Path]]:
    out = []
    for p in map(Path, paths):
        golds = sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
        for gold in golds:
            stem = gold.name[: -len(".gold.json")]
            if stem.endswith(".blind"):
                stem = stem[: -len(".blind")]
            docs = [gold.with_name(stem + ext) for ext in DOC_EXTS]
            docs = [d for d in docs if d.exists()]
            if docs:
                out.append((gold, docs[0]))
            else:
                print(f"{gold}: no document beside it", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--bin", default=os.environ.get("GONGWEN_BIN", "target/release/gongwen"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    scores = []
    for gold_path, doc in documents(args.paths):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        run = subprocess.run([args.bin, "parse", str(doc)], capture_output=True)
        if run.returncode != 0:
            print(f"{doc.name:48} error: {run.stderr.decode(errors='replace').strip()}")
            scores.append(0.0)
            continue
        ours = json.loads(run.stdout)
        s = score(gold, ours)
        scores.append(s["score"])
        f = " ".join(f"{k}={v:.2f}" for k, v in s["fields"].items())
        print(
            f"{doc.name:48} {s['score']:.3f}  measures {s['ours']:>3}/{s['gold']:<3}"
            f" paired {s['paired']:>3}  {f}  title={'ok' if s['title'] else 'no'}"
        )
    if scores:
        print(f"mean {sum(scores) / len(scores):.3f} over {len(scores)} notices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
