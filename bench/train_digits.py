"""Train intake/handdigits.py's model on scikit-learn's load_digits (UCI handwritten digits).

    .venv/bin/python -m bench.train_digits [--out intake/data/handdigits.npz]

scikit-learn (requirements-dev.txt) is needed here only, for the data: the model is the
training samples and k, read at runtime with numpy (intake.handdigits). scikit-learn 1.9.1's
own KNeighborsClassifier returned out-of-range neighbour indices in our virtualenv, so the
cross-validation uses the runtime's classifier too. load_digits is UCI's test part (1797
samples, writers not given); the first 70% by index are trained on, the last 30% held back
(a contiguous block, so mostly other writers than the trained ones, but that is not
guaranteed). k is chosen by 5-fold cross-validation on the training part only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

from intake.handdigits import MODEL, HandDigits

HELD_BACK = 0.3
KS = (1, 3, 5, 7, 9)
FOLDS = 5


def _model(x: np.ndarray, y: np.ndarray, k: int) -> HandDigits:
    return HandDigits(x.astype(np.float32), y.astype(np.int64), k, x[:0], y[:0])


def _score(model: HandDigits, x: np.ndarray, y: np.ndarray) -> float:
    return float((model.classify(x.astype(np.float32))[0] == y).mean())


def _cross_val(x: np.ndarray, y: np.ndarray, k: int) -> float:
    folds = np.arange(len(y)) % FOLDS
    return float(
        np.mean(
            [
                _score(_model(x[folds != f], y[folds != f], k), x[folds == f], y[folds == f])
                for f in range(FOLDS)
            ]
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    x, y = load_digits(return_X_y=True)
    cut = round(len(y) * (1 - HELD_BACK))
    train_x, train_y, held_x, held_y = x[:cut], y[:cut], x[cut:], y[cut:]
    scores = {k: _cross_val(train_x, train_y, k) for k in KS}
    k = max(KS, key=lambda k: (scores[k], -k))
    held = _score(_model(train_x, train_y, k), held_x, held_y)
    print(" ".join(f"k={k}: {s:.3f}" for k, s in scores.items()), "(5-fold, training part)")
    print(f"k = {k}; held back ({len(held_y)} samples, features as UCI gives them): {held:.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        train_x=train_x.astype(np.uint8),
        train_y=train_y.astype(np.uint8),
        held_x=held_x.astype(np.uint8),
        held_y=held_y.astype(np.uint8),
        k=np.int64(k),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
