"""Node positions computed in Python, so the browser can draw a big graph with physics off.

networkx's spring_layout is O(n^2) per iteration, and for 500 nodes or more it needs scipy
and still took 20-45 s for 5,000 nodes on this 2-core machine. So each connected component
is laid out on its own: small ones with spring_layout (dense numpy, fast), big ones with
PivotMDS (Brandes & Pich 2006): breadth-first distances from a few pivot nodes (networkx)
and classical MDS on that n x k matrix, O(k (n + m)). Components are then packed in rows.
"""
from __future__ import annotations

import math
from typing import Any, Hashable

import networkx as nx

SPRING_MAX = 300      # components up to this size get spring_layout
PIVOTS = 40
SPACING = 90.0        # pixels of room per node: a component of n nodes gets a box of side ~ SPACING*sqrt(n)


def _spring(G: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    if len(G) == 1:
        return {next(iter(G)): (0.0, 0.0)}
    pos = nx.spring_layout(G, seed=seed, iterations=60 if len(G) < 100 else 30)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def pivot_mds(G: nx.Graph, pivots: int = PIVOTS, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """PivotMDS for one connected graph; max-min pivot choice spreads the pivots out."""
    import numpy as np

    nodes = list(G)
    where = {n: i for i, n in enumerate(nodes)}
    k = min(pivots, len(nodes))
    dist = np.zeros((len(nodes), k))
    nearest = np.full(len(nodes), np.inf)
    pivot = max(nodes, key=G.degree)
    for j in range(k):
        for n, d in nx.single_source_shortest_path_length(G, pivot).items():
            dist[where[n], j] = d
        nearest = np.minimum(nearest, dist[:, j])
        pivot = nodes[int(np.argmax(nearest))]
    sq = dist ** 2
    centred = sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean()
    centred *= -0.5
    # the top two right singular vectors of the centred matrix give the 2-d embedding
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    coords = u[:, :2] * s[:2]
    # nodes with equal distances to every pivot (leaves of one hub) would sit on one spot
    rng = np.random.default_rng(seed)
    coords += rng.normal(scale=0.35, size=coords.shape)
    return {n: (float(coords[i, 0]), float(coords[i, 1])) for i, n in enumerate(nodes)}


def _fit(pos: dict[Hashable, tuple[float, float]], side: float) -> dict[Hashable, tuple[float, float]]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, y0 = min(xs), min(ys)
    scale = side / (max(max(xs) - x0, max(ys) - y0) or 1.0)
    return {n: ((x - x0) * scale, (y - y0) * scale) for n, (x, y) in pos.items()}


def layout(graph: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Pixel positions for every node; deterministic for a given graph and seed."""
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for comp in components:
        sub = undirected.subgraph(comp).copy()  # a plain graph: BFS over a filtered view is 3x slower
        raw = _spring(sub, seed) if len(comp) <= SPRING_MAX else pivot_mds(sub, seed=seed)
        side = SPACING * math.sqrt(len(comp)) if len(comp) > 1 else 0.0
        boxes.append((_fit(raw, side), side))
    # shelf packing: fill rows up to the width of the biggest box (or a square of all boxes)
    width = max([side for _, side in boxes] + [math.sqrt(sum((s + SPACING) ** 2 for _, s in boxes))])
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row = 0.0
    for pos, side in boxes:
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row + SPACING, 0.0
        positions.update({n: (round(px + x, 1), round(py + y, 1)) for n, (px, py) in pos.items()})
        x += side + SPACING
        row = max(row, side)
    return positions
