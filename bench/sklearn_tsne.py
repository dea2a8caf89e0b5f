#!/usr/bin/env python3
"""scikit-learn's TSNE on the input `bench tsne --save-input FILE` wrote (float32, n x dim, already
L2-normalised), with the same settings (perplexity 30, PCA init, 1,000 iterations, Barnes-Hut
theta 0.5, 2 jobs), timed the same way, and scored with the same 10-NN preservation over all
points (n <= 5,000). Debian: apt-get install python3-sklearn

    python3 bench/sklearn_tsne.py FILE DIM
"""
import sys
import time

import numpy as np
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors


def preservation(x, y, k=10):
    a = NearestNeighbors(n_neighbors=k + 1).fit(x).kneighbors(return_distance=False)
    b = NearestNeighbors(n_neighbors=k + 1).fit(y).kneighbors(return_distance=False)
    # kneighbors() without a query excludes each point itself.
    return float(np.mean([len(set(a[i][:k]) & set(b[i][:k])) / k for i in range(len(x))]))


def main():
    path, dim = sys.argv[1], int(sys.argv[2])
    x = np.fromfile(path, dtype='<f4').reshape(-1, dim)
    n = len(x)
    start = time.time()
    kwargs = dict(n_components=2, perplexity=30, init='pca', method='barnes_hut', angle=0.5, n_jobs=2, random_state=0,
                  learning_rate=max(200, n / 12) / 4)
    try:
        tsne = TSNE(max_iter=1000, **kwargs)
    except TypeError:
        tsne = TSNE(n_iter=1000, **kwargs)
    y = tsne.fit_transform(x)
    seconds = time.time() - start
    print(f"RESULT impl=sklearn-{__import__('sklearn').__version__} seconds={seconds:.1f} n={n} "
          f"knn_preservation={preservation(x, y):.3f} kl={tsne.kl_divergence_:.3f}")


if __name__ == '__main__':
    main()
