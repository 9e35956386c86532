package io.memsched.zoo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The three random undirected graph models of RandWire, as adjacency matrices over nodes {@code 0..n-1}, each drawn
 * from a caller-seeded {@link Random} so that a seed always gives the same graph. The procedures follow networkx
 * ({@code watts_strogatz_graph}, {@code erdos_renyi_graph}, {@code barabasi_albert_graph}); see
 * {@code research/NETWORKS.md}, section 3.5.
 */
public final class RandomGraphs {
    /** Attempts before {@link #connected} gives up and returns the last (disconnected) graph. */
    static final int MAX_ATTEMPTS = 1000;

    private RandomGraphs() {
    }

    /** The random graph models. */
    public enum Model {
        /** Watts-Strogatz WS(k=4, p=0.75). */
        WS,
        /** Erdos-Renyi ER(p=0.2). */
        ER,
        /** Barabasi-Albert BA(m=5). */
        BA;

        /** A graph of this model with the RandWire paper's parameters. */
        public boolean[][] generate(int n, Random rng) {
            return switch (this) {
                case WS -> wattsStrogatz(n, 4, 0.75, rng);
                case ER -> erdosRenyi(n, 0.2, rng);
                case BA -> barabasiAlbert(n, 5, rng);
            };
        }
    }

    /** Draws graphs of {@code model} until one is connected (at most {@value #MAX_ATTEMPTS} draws). */
    public static boolean[][] connected(Model model, int n, Random rng) {
        boolean[][] g = model.generate(n, rng);
        for (int attempt = 1; attempt < MAX_ATTEMPTS && !isConnected(g); attempt++) {
            g = model.generate(n, rng);
        }
        return g;
    }

    /** Ring lattice with {@code k/2} neighbours per side, each clockwise edge rewired with probability {@code p}. */
    public static boolean[][] wattsStrogatz(int n, int k, double p, Random rng) {
        if (k >= n || k < 2) {
            throw new IllegalArgumentException("WS needs 2 <= k < n, got k=" + k + " n=" + n);
        }
        boolean[][] a = new boolean[n][n];
        for (int j = 1; j <= k / 2; j++) {
            for (int u = 0; u < n; u++) {
                link(a, u, (u + j) % n, true);
            }
        }
        for (int j = 1; j <= k / 2; j++) {
            for (int u = 0; u < n; u++) {
                int v = (u + j) % n;
                if (rng.nextDouble() < p) {
                    int w = rng.nextInt(n);
                    boolean full = false;
                    while (w == u || a[u][w]) {
                        if (degree(a, u) >= n - 1) {
                            full = true;
                            break;
                        }
                        w = rng.nextInt(n);
                    }
                    if (!full) {
                        link(a, u, v, false);
                        link(a, u, w, true);
                    }
                }
            }
        }
        return a;
    }

    /** Every pair joined independently with probability {@code p}. */
    public static boolean[][] erdosRenyi(int n, double p, Random rng) {
        boolean[][] a = new boolean[n][n];
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                if (rng.nextDouble() < p) {
                    link(a, u, v, true);
                }
            }
        }
        return a;
    }

    /** Preferential attachment from a star on {@code m+1} nodes, each new node linking to {@code m} distinct nodes. */
    public static boolean[][] barabasiAlbert(int n, int m, Random rng) {
        if (m < 1 || m >= n) {
            throw new IllegalArgumentException("BA needs 1 <= m < n, got m=" + m + " n=" + n);
        }
        boolean[][] a = new boolean[n][n];
        List<Integer> repeated = new ArrayList<>();
        for (int leaf = 1; leaf <= m; leaf++) {
            link(a, 0, leaf, true);
            repeated.add(0);
            repeated.add(leaf);
        }
        for (int source = m + 1; source < n; source++) {
            Set<Integer> targets = new LinkedHashSet<>();
            while (targets.size() < m) {
                targets.add(repeated.get(rng.nextInt(repeated.size())));
            }
            for (int t : targets) {
                link(a, source, t, true);
                repeated.add(t);
                repeated.add(source);
            }
        }
        return a;
    }

    /** Whether every node can reach every other. */
    public static boolean isConnected(boolean[][] a) {
        int n = a.length;
        if (n == 0) {
            return true;
        }
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        seen[0] = true;
        int count = 1;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v = 0; v < n; v++) {
                if (a[u][v] && !seen[v]) {
                    seen[v] = true;
                    count++;
                    queue.add(v);
                }
            }
        }
        return count == n;
    }

    private static int degree(boolean[][] a, int u) {
        int d = 0;
        for (boolean b : a[u]) {
            d += b ? 1 : 0;
        }
        return d;
    }

    private static void link(boolean[][] a, int u, int v, boolean on) {
        a[u][v] = on;
        a[v][u] = on;
    }
}
