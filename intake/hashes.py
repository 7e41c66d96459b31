"""Perceptual hashes of pages (second scans of one paper), light to import: numpy and Pillow,
never OpenCV or scipy, so a claim of text-layer PDFs loads neither."""

from __future__ import annotations

import numpy as np
from PIL import Image


def phash(image: Image.Image) -> str:
    """imagehash's perceptual hash (``str(imagehash.phash(image))``, the same bits) with the
    DCT done in numpy: imagehash's scipy.fftpack cost each process 0.4 s of CPU to import, a
    half of the CLI's fixed cost on a claim of text pages (#24)."""
    import imagehash

    pixels = np.asarray(image.convert("L").resize((32, 32), Image.Resampling.LANCZOS))
    dct = _DCT @ pixels.astype(np.float64) @ _DCT.T  # scipy.fftpack.dct on both axes, type II
    low = np.round(dct[:8, :8], 6)  # a flat page's zeros stay zeros (ties with the median)
    return str(imagehash.ImageHash(low > np.median(low)))


# the unnormalised DCT-II as a matrix: y_k = 2 sum_n x_n cos(pi k (2n + 1) / 2N), N = 32
_DCT = 2 * np.cos(np.pi * np.outer(np.arange(32), 2 * np.arange(32) + 1) / 64)
