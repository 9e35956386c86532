package io.memsched.report;

import static io.memsched.report.Svg.esc;
import static io.memsched.report.Svg.n;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.graph.SeriesSegments;
import io.memsched.graph.Sizes;
import io.memsched.pass.PassResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A drawing of a graph sized for a screen: at most {@link #MAX_HEIGHT} pixels tall by default, whatever the graph.
 * A large graph is drawn collapsed: operators are grouped by the scopes of their names ({@code /cells.7/ops.4/Conv}
 * is in {@code cells.7}, which is in the root), or by the graph's single-node cuts, or by fused groups; the view
 * opens as many levels as fit and shows each remaining group as one box (operator count, a strip of its operator
 * types, the bytes it reads and writes). {@link #expand} opens chosen groups. The layout is layered, top-down, with
 * edges routed around the boxes (Eclipse Layout Kernel) and wrapped into side-by-side columns when long; names are
 * shortened in the middle, never clipped, with the full name in a tooltip; the legend sits inside the picture; each
 * operator type has the same colour in every picture ({@link Palette}).
 * <pre>{@code
 * GraphView.of(g)                                   // renders in a notebook; .svg() for the text
 * GraphView.of(g).expand("cells.7").svg()           // one cell opened
 * GraphView.of(g).groupByCuts().maxHeight(600)
 * GraphView.of(fused.input()).groupByFusion(fused)  // a PassResult of Passes.fusion()
 * GraphView.of(g).expandAll()                       // every operator (wrapped, scaled down if needed)
 * }</pre>
 */
public final class GraphView {
    /** The default height limit of a drawing, pixels. */
    public static final int MAX_HEIGHT = 1000;
    /** The default width limit of a drawing, pixels. */
    public static final int MAX_WIDTH = 1100;
    /** A group with more children than this is split into consecutive parts. */
    static final int FANOUT = 24;

    static final double BOX_W = 172;
    static final double BOX_H = 38;
    static final double GROUP_H = 46;
    static final double TENSOR_W = 132;
    static final double TENSOR_H = 24;
    static final double FONT = 11;
    static final double LABEL_FONT = 10;
    private static final double MARGIN = 12;

    private enum Mode { SCOPE, CUTS, FUSED }

    private final Graph graph;
    private final Mode mode;
    private final Optional<PassResult> fused;
    private final Set<String> expanded;
    private final boolean all;
    private final int maxHeight;
    private final int maxWidth;
    private final Function<Op, String> colourKey;
    private final Group root;
    private final Map<String, Group> byName;

    private GraphView(Graph graph, Mode mode, Optional<PassResult> fused, Set<String> expanded, boolean all,
                      int maxHeight, int maxWidth, Function<Op, String> colourKey) {
        this.graph = graph;
        this.mode = mode;
        this.fused = fused;
        this.expanded = Set.copyOf(expanded);
        this.all = all;
        this.maxHeight = maxHeight;
        this.maxWidth = maxWidth;
        this.colourKey = colourKey;
        this.root = Tree.build(graph, mode, fused);
        this.byName = new LinkedHashMap<>();
        index(root);
        for (String e : this.expanded) {
            if (!byName.containsKey(e)) {
                List<String> some = byName.keySet().stream().filter(k -> !k.isEmpty()).limit(12).toList();
                throw new IllegalArgumentException("graph '" + graph.name() + "' has no group '" + e + "' (groups: "
                        + String.join(", ", some) + (byName.size() > 13 ? ", ..." : "") + ")");
            }
        }
    }

    private void index(Group g) {
        byName.put(g.name, g);
        g.groups().forEach(this::index);
    }

    /** A view of {@code g} grouped by name scopes (by cuts when the names have none), coloured by operator type. */
    public static GraphView of(Graph g) {
        Objects.requireNonNull(g, "graph");
        return new GraphView(g, Mode.SCOPE, Optional.empty(), Set.of(), false, MAX_HEIGHT, MAX_WIDTH, Op::type);
    }

    /** A copy with these groups opened (names as {@link #groups()} lists them; a leading {@code /} is ignored). */
    public GraphView expand(String... groups) {
        Set<String> e = new LinkedHashSet<>(expanded);
        for (String s : groups) {
            e.add(normalise(Objects.requireNonNull(s, "group")));
        }
        return new GraphView(graph, mode, fused, e, all, maxHeight, maxWidth, colourKey);
    }

    /** A copy that draws every operator (wrapped into columns, and scaled down if it still does not fit). */
    public GraphView expandAll() {
        return new GraphView(graph, mode, fused, expanded, true, maxHeight, maxWidth, colourKey);
    }

    /** A copy with this height limit in pixels (at least 200). */
    public GraphView maxHeight(int px) {
        if (px < 200) {
            throw new IllegalArgumentException("maxHeight must be at least 200 px, was " + px);
        }
        return new GraphView(graph, mode, fused, expanded, all, px, maxWidth, colourKey);
    }

    /** A copy with this width limit in pixels (at least 300). */
    public GraphView maxWidth(int px) {
        if (px < 300) {
            throw new IllegalArgumentException("maxWidth must be at least 300 px, was " + px);
        }
        return new GraphView(graph, mode, fused, expanded, all, maxHeight, px, colourKey);
    }

    /** A copy grouped by the scopes of operator names (the default). */
    public GraphView groupByScope() {
        return new GraphView(graph, Mode.SCOPE, Optional.empty(), Set.of(), all, maxHeight, maxWidth, colourKey);
    }

    /** A copy grouped by single-node cuts: each run of operators between two cuts is one group. */
    public GraphView groupByCuts() {
        return new GraphView(graph, Mode.CUTS, Optional.empty(), Set.of(), all, maxHeight, maxWidth, colourKey);
    }

    /**
     * A copy grouped by the fused operators of {@code fusion} (a result of a grouping pass such as
     * {@code Passes.fusion()} run on this view's graph): each fused operator is one group named after it.
     */
    public GraphView groupByFusion(PassResult fusion) {
        Objects.requireNonNull(fusion, "fusion");
        if (fusion.input().opCount() != graph.opCount() || !fusion.input().name().equals(graph.name())) {
            throw new IllegalArgumentException("the pass result is of graph '" + fusion.input().name() + "' ("
                    + fusion.input().opCount() + " ops), not of '" + graph.name() + "' (" + graph.opCount() + " ops)");
        }
        return new GraphView(graph, Mode.FUSED, Optional.of(fusion), Set.of(), all, maxHeight, maxWidth, colourKey);
    }

    /** A copy coloured by {@code key} instead of the operator type (colours from {@link Palette}). */
    public GraphView colourBy(Function<Op, String> key) {
        return new GraphView(graph, mode, fused, expanded, all, maxHeight, maxWidth, Objects.requireNonNull(key, "key"));
    }

    /** The graph drawn. */
    public Graph graph() {
        return graph;
    }

    /** Every group name of this view's grouping, parents before children (names to pass to {@link #expand}). */
    public List<String> groups() {
        return byName.keySet().stream().filter(k -> !k.isEmpty()).toList();
    }

    /** The groups the drawing shows collapsed, largest first. */
    public List<String> collapsed() {
        return drawing().frontier().stream().filter(v -> v.group != null).sorted(Comparator.comparingInt((Visible v) -> -v.group.size)
                .thenComparingInt(v -> v.group.first())).map(v -> v.group.name).toList();
    }

    /** One line: graph, boxes drawn, groups collapsed, how to open one. */
    @Override
    public String toString() {
        List<Visible> f = drawing().frontier();
        List<String> c = collapsed();
        return "view of graph '" + graph.name() + "': " + f.size() + " boxes for " + graph.opCount() + " ops"
                + (c.isEmpty() ? "" : ", " + c.size() + " groups collapsed (expand(\"" + c.get(0) + "\") opens one)");
    }

    private static String normalise(String s) {
        String t = s.strip();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    // ---------------------------------------------------------------- the group tree

    /** A group: its name (the key of {@link #expand}), a label, children (groups and operators) in run order. */
    record Group(String name, String label, List<Object> children, int size, int first) {
        List<Group> groups() {
            return children.stream().filter(c -> c instanceof Group).map(c -> (Group) c).toList();
        }
    }

    /** Builds the group tree of a graph under a grouping mode. */
    private static final class Tree {
        private Tree() {
        }

        static Group build(Graph g, Mode mode, Optional<PassResult> fused) {
            int[] pos = topologicalPositions(g);
            List<Object> top;
            if (mode == Mode.FUSED) {
                top = fusedChildren(g, fused.orElseThrow(), pos);
                if (hasScopes(g)) {
                    top = scopeChildren(g, top, pos);
                }
            } else if (mode == Mode.SCOPE && hasScopes(g)) {
                top = scopeChildren(g, pos);
            } else {
                top = cutChildren(g, pos);
            }
            return chunk(new Group("", g.name(), sorted(top, pos), g.opCount(), 0), pos);
        }

        /** Each operator's position in a topological order (Kahn's algorithm, lowest index first). */
        static int[] topologicalPositions(Graph g) {
            int n = g.opCount();
            int[] indeg = new int[n];
            for (int i = 0; i < n; i++) {
                indeg[i] = g.predecessors(i).size();
            }
            java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
            for (int i = 0; i < n; i++) {
                if (indeg[i] == 0) {
                    ready.add(i);
                }
            }
            int[] pos = new int[n];
            int k = 0;
            while (!ready.isEmpty()) {
                int i = ready.poll();
                pos[i] = k++;
                Ints s = g.successors(i);
                for (int j = 0; j < s.size(); j++) {
                    if (--indeg[s.get(j)] == 0) {
                        ready.add(s.get(j));
                    }
                }
            }
            return pos;
        }

        private static List<String> segments(String name) {
            List<String> out = new ArrayList<>();
            for (String s : name.split("/")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }

        private static boolean hasScopes(Graph g) {
            for (int i = 0; i < g.opCount(); i++) {
                if (segments(g.op(i).name()).size() > 1) {
                    return true;
                }
            }
            return false;
        }

        /** A trie of name scopes over single operators, single-child chains collapsed. */
        private static List<Object> scopeChildren(Graph g, int[] pos) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < g.opCount(); i++) {
                items.add(i);
            }
            return scopeChildren(g, items, pos);
        }

        /**
         * A trie of name scopes over items (operators, or fused groups placed in the scope their members share),
         * single-child chains collapsed.
         */
        private static List<Object> scopeChildren(Graph g, List<Object> items, int[] pos) {
            Map<String, List<Object>> direct = new LinkedHashMap<>();
            Map<String, Set<String>> kids = new LinkedHashMap<>();
            kids.put("", new LinkedHashSet<>());
            direct.put("", new ArrayList<>());
            for (Object item : items) {
                List<String> seg = scope(g, item);
                String parent = "";
                for (String part : seg) {
                    String path = parent.isEmpty() ? part : parent + "/" + part;
                    kids.get(parent).add(path);
                    kids.computeIfAbsent(path, k -> new LinkedHashSet<>());
                    direct.computeIfAbsent(path, k -> new ArrayList<>());
                    parent = path;
                }
                direct.get(parent).add(item);
            }
            return scopeNode("", kids, direct, pos).children();
        }

        /** The scope of an operator (its name without the last segment) or the common scope of a group's operators. */
        private static List<String> scope(Graph g, Object item) {
            if (item instanceof Integer i) {
                List<String> seg = segments(g.op(i).name());
                return seg.subList(0, Math.max(0, seg.size() - 1));
            }
            List<Integer> ops = new ArrayList<>();
            ops((Group) item, ops);
            List<String> common = null;
            for (int i : ops) {
                List<String> s = scope(g, i);
                if (common == null) {
                    common = new ArrayList<>(s);
                } else {
                    int k = 0;
                    while (k < common.size() && k < s.size() && common.get(k).equals(s.get(k))) {
                        k++;
                    }
                    common = new ArrayList<>(common.subList(0, k));
                }
            }
            return common == null ? List.of() : common;
        }

        private static Group scopeNode(String path, Map<String, Set<String>> kids, Map<String, List<Object>> direct,
                                       int[] pos) {
            List<Object> children = new ArrayList<>();
            int size = 0;
            int first = Integer.MAX_VALUE;
            for (Object item : direct.get(path)) {
                children.add(item);
                size += item instanceof Group gr ? gr.size() : 1;
                first = Math.min(first, first(item, pos));
            }
            for (String k : kids.get(path)) {
                Group c = scopeNode(k, kids, direct, pos);
                Object shown = c.children().size() == 1 ? c.children().get(0) : c;
                children.add(shown);
                size += c.size();
                first = Math.min(first, c.first());
            }
            return new Group(path, path, sorted(children, pos), size, first);
        }

        /** Runs of operators between single-node cuts: one group per run of two or more operators. */
        private static List<Object> cutChildren(Graph g, int[] pos) {
            List<Object> out = new ArrayList<>();
            SeriesSegments s = SeriesSegments.atCuts(g);
            int k = 0;
            for (SeriesSegments.Segment seg : s.segments()) {
                k++;
                Ints ops = seg.ops();
                if (ops.size() == 1) {
                    out.add(ops.get(0));
                    continue;
                }
                List<Object> members = new ArrayList<>();
                int first = Integer.MAX_VALUE;
                for (int j = 0; j < ops.size(); j++) {
                    members.add(ops.get(j));
                    first = Math.min(first, pos[ops.get(j)]);
                }
                out.add(new Group("segment " + k, "segment " + k, sorted(members, pos), ops.size(), first));
            }
            return out;
        }

        /** One group per fused operator of two or more members, named after it. */
        private static List<Object> fusedChildren(Graph g, PassResult fused, int[] pos) {
            List<Object> out = new ArrayList<>();
            for (int k = 0; k < fused.graph().opCount(); k++) {
                Ints m = fused.provenance().origins(k);
                if (m.size() == 1) {
                    out.add(m.get(0));
                } else if (m.size() > 1) {
                    List<Object> members = new ArrayList<>();
                    int first = Integer.MAX_VALUE;
                    for (int j = 0; j < m.size(); j++) {
                        members.add(m.get(j));
                        first = Math.min(first, pos[m.get(j)]);
                    }
                    String name = normalise(fused.graph().op(k).name());
                    out.add(new Group(name, name, sorted(members, pos), m.size(), first));
                }
            }
            return out;
        }

        private static int first(Object o, int[] pos) {
            return o instanceof Group gr ? gr.first() : pos[(Integer) o];
        }

        private static List<Object> sorted(List<Object> children, int[] pos) {
            List<Object> s = new ArrayList<>(children);
            s.sort(Comparator.comparingInt(o -> first(o, pos)));
            return s;
        }

        /** Splits every group with more than {@link #FANOUT} children into consecutive parts, recursively. */
        private static Group chunk(Group g, int[] pos) {
            List<Object> children = new ArrayList<>();
            for (Object c : g.children()) {
                children.add(c instanceof Group gr ? chunk(gr, pos) : c);
            }
            int parts = 1;
            while (children.size() > FANOUT * parts) {
                parts *= FANOUT;
            }
            if (parts > 1) {
                int per = parts;
                List<Object> grouped = new ArrayList<>();
                for (int from = 0, k = 1; from < children.size(); from += per, k++) {
                    List<Object> run = children.subList(from, Math.min(children.size(), from + per));
                    if (run.size() == 1) {
                        grouped.add(run.get(0));
                        continue;
                    }
                    int size = 0;
                    int first = Integer.MAX_VALUE;
                    for (Object o : run) {
                        size += o instanceof Group gr ? gr.size() : 1;
                        first = Math.min(first, first(o, pos));
                    }
                    String name = (g.name().isEmpty() ? "" : g.name() + " ") + "part " + k;
                    int count = (children.size() + per - 1) / per;
                    String label = run.get(0) instanceof Group a && run.get(run.size() - 1) instanceof Group b
                            ? lastSegments(a.label()) + " \u2026 " + lastSegments(b.label())
                            : (g.name().isEmpty() ? "" : g.label() + " ") + "part " + k + "/" + count;
                    grouped.add(chunk(new Group(name, label, new ArrayList<>(run), size, first), pos));
                }
                children = grouped;
            }
            return new Group(g.name(), g.label(), children, g.size(), g.first());
        }
    }

    /** The last scope segment of a label ({@code cells.7} of {@code cells.7}, {@code ops.4} of {@code cells.7/ops.4}). */
    static String lastSegments(String label) {
        int i = label.lastIndexOf('/');
        return i < 0 ? label : label.substring(i + 1);
    }

    // ---------------------------------------------------------------- what is shown

    /** A box of the drawing: a collapsed group or one operator. */
    record Visible(Group group, int op) {
    }

    /**
     * The box sets to try, finest first: every operator for {@link #expandAll()}; else the deepest level that
     * plausibly fits and the coarser levels (each with the groups opened by {@link #expand}).
     */
    List<List<Visible>> candidates() {
        if (all) {
            return List.of(frontierAt(Integer.MAX_VALUE));
        }
        List<List<Visible>> levels = new ArrayList<>();
        levels.add(frontierAt(1));
        for (int d = 2; d < 64; d++) {
            List<Visible> f = frontierAt(d);
            if (f.size() == levels.get(levels.size() - 1).size() || !estimateFits(f)) {
                break;
            }
            levels.add(f);
        }
        List<List<Visible>> out = new ArrayList<>();
        for (int k = levels.size() - 1; k >= 0 && out.size() < 3; k--) {
            out.add(levels.get(k));
        }
        return out;
    }

    /** A drawing of one box set: its SVG, whether every link was routed orthogonally, and its scale. */
    record Drawing(List<Visible> frontier, String svg, boolean clean, double scale) {
    }

    private volatile Drawing drawing;

    /** The drawing shown: the finest candidate drawn cleanly at 70 % scale or more, else the best of them. */
    Drawing drawing() {
        Drawing d = drawing;
        if (d == null) {
            for (List<Visible> f : candidates()) {
                Drawing c = draw(f);
                if (d == null || (c.clean() && !d.clean()) || (c.clean() == d.clean() && c.scale() > d.scale() + 0.15)) {
                    d = c;
                }
                if (d.clean() && d.scale() >= 0.7) {
                    break;
                }
            }
            drawing = d;
        }
        return d;
    }

    private List<Visible> frontierAt(int depth) {
        Set<String> open = new HashSet<>();
        for (String e : expanded) {
            // the group and its ancestors
            String path = e;
            open.add(path);
            for (Map.Entry<String, Group> en : byName.entrySet()) {
                if (contains(en.getValue(), byName.get(e))) {
                    open.add(en.getKey());
                }
            }
        }
        List<Visible> out = new ArrayList<>();
        visit(root, 0, depth, open, out);
        return out;
    }

    private static boolean contains(Group outer, Group inner) {
        if (outer == inner) {
            return true;
        }
        for (Group c : outer.groups()) {
            if (contains(c, inner)) {
                return true;
            }
        }
        return false;
    }

    private void visit(Group g, int d, int depth, Set<String> open, List<Visible> out) {
        for (Object c : g.children()) {
            if (c instanceof Group gr) {
                if (d + 1 < depth || open.contains(gr.name())) {
                    visit(gr, d + 1, depth, open, out);
                } else {
                    out.add(new Visible(gr, -1));
                }
            } else {
                out.add(new Visible(null, (Integer) c));
            }
        }
    }

    /** Ops of a group, all levels. */
    private static void ops(Group g, List<Integer> out) {
        for (Object c : g.children()) {
            if (c instanceof Group gr) {
                ops(gr, out);
            } else {
                out.add((Integer) c);
            }
        }
    }

    /** Whether a drawing of these boxes plausibly fits (longest path of the box graph, wrapped into columns). */
    private boolean estimateFits(List<Visible> f) {
        int[] shape = shape(f);
        int layers = shape[0];
        int widest = shape[1];
        double pitch = GROUP_H + 52;
        double available = maxHeight - 110;
        int columns = (int) Math.ceil((layers + 1) * pitch / available);
        double w = columns * (Math.min(widest, 6) * (BOX_W + 18) + 30);
        // a little optimistic: the drawing itself decides (drawing() falls back to a coarser level when the layout
        // would be scaled below 70 %)
        return w <= maxWidth * 1.3 && widest * (BOX_W + 18) <= maxWidth * 1.5;
    }

    /** Whether the unwrapped drawing of these boxes is surely taller than {@code available}. */
    private boolean tooTallUnwrapped(List<Visible> f, double available) {
        return (shape(f)[0] + 1) * (BOX_H + 40) > available;
    }

    /** Layers (longest path over the boxes, in run order) and the widest layer's box count. */
    private int[] shape(List<Visible> f) {
        int[] box = boxOf(f);
        int n = f.size();
        List<Set<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new HashSet<>());
        }
        for (int i = 0; i < graph.opCount(); i++) {
            Ints s = graph.successors(i);
            for (int k = 0; k < s.size(); k++) {
                if (box[i] != box[s.get(k)]) {
                    succ.get(box[i]).add(box[s.get(k)]);
                }
            }
        }
        // longest path layering over the box order (first op position), ignoring backward links
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = f.get(i).group != null ? f.get(i).group.first() : 0;
        }
        int[] pos = Tree.topologicalPositions(graph);
        for (int i = 0; i < n; i++) {
            if (f.get(i).group == null) {
                first[i] = pos[f.get(i).op];
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> first[i]));
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[order[k]] = k;
        }
        int[] layer = new int[n];
        int layers = 1;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            for (int j : succ.get(i)) {
                if (rank[j] > rank[i]) {
                    layer[j] = Math.max(layer[j], layer[i] + 1);
                }
            }
            layers = Math.max(layers, layer[i] + 1);
        }
        int[] width = new int[layers + 1];
        for (int i = 0; i < n; i++) {
            width[layer[i]]++;
        }
        int widest = java.util.Arrays.stream(width).max().orElse(1);
        return new int[] {layers, widest};
    }

    private int[] boxOf(List<Visible> f) {
        int[] box = new int[graph.opCount()];
        for (int k = 0; k < f.size(); k++) {
            Visible v = f.get(k);
            if (v.group == null) {
                box[v.op] = k;
            } else {
                List<Integer> ops = new ArrayList<>();
                ops(v.group, ops);
                for (int i : ops) {
                    box[i] = k;
                }
            }
        }
        return box;
    }

    // ---------------------------------------------------------------- drawing

    /** The drawing as a standalone SVG document, at most {@code maxHeight} x {@code maxWidth} pixels as displayed. */
    public String svg() {
        return drawing().svg();
    }

    private Drawing draw(List<Visible> f) {
        int nBoxes = f.size();
        int[] box = boxOf(f);
        // tensor nodes: graph inputs and outputs
        List<Integer> inputs = new ArrayList<>();
        for (int k = 0; k < graph.inputIndices().size(); k++) {
            inputs.add(graph.inputIndices().get(k));
        }
        List<Integer> outputs = new ArrayList<>();
        for (int t = 0; t < graph.tensorCount(); t++) {
            if (graph.isGraphOutput(t)) {
                outputs.add(t);
            }
        }
        Map<Integer, Integer> inputNode = new HashMap<>();
        for (int t : inputs) {
            inputNode.put(t, nBoxes + inputNode.size());
        }
        Map<Integer, Integer> outputNode = new HashMap<>();
        for (int t : outputs) {
            outputNode.put(t, nBoxes + inputs.size() + outputNode.size());
        }
        int nodes = nBoxes + inputs.size() + outputs.size();

        // links: one per (from, to) pair, with the distinct tensors it carries
        Map<Long, List<Integer>> carried = new LinkedHashMap<>();
        for (int t = 0; t < graph.tensorCount(); t++) {
            int p = graph.producer(t);
            int from = p >= 0 ? box[p] : inputNode.getOrDefault(t, -1);
            if (from < 0) {
                continue;
            }
            Set<Integer> targets = new LinkedHashSet<>();
            Ints cons = graph.consumers(t);
            for (int k = 0; k < cons.size(); k++) {
                targets.add(box[cons.get(k)]);
            }
            if (outputNode.containsKey(t)) {
                targets.add(outputNode.get(t));
            }
            for (int to : targets) {
                if (to != from) {
                    carried.computeIfAbsent(((long) from << 32) | to, k -> new ArrayList<>()).add(t);
                }
            }
        }
        List<LayeredLayout.Box> boxes = new ArrayList<>();
        for (int k = 0; k < nodes; k++) {
            boxes.add(k < nBoxes ? new LayeredLayout.Box(BOX_W, f.get(k).group != null ? GROUP_H : BOX_H)
                    : new LayeredLayout.Box(TENSOR_W, TENSOR_H));
        }
        List<LayeredLayout.Link> links = new ArrayList<>();
        List<long[]> linkEnds = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : carried.entrySet()) {
            int from = (int) (e.getKey() >>> 32);
            int to = (int) (e.getKey() & 0xffffffffL);
            String label = Sizes.format(bytes(e.getValue()));
            links.add(new LayeredLayout.Link(from, to, label, Svg.textWidth(label, LABEL_FONT) + 4, LABEL_FONT + 3));
            linkEnds.add(new long[] {from, to});
        }

        // legend and header sizes
        Map<String, Integer> keyCount = new LinkedHashMap<>();
        String[] keyOf = new String[graph.opCount()];
        for (int i = 0; i < graph.opCount(); i++) {
            keyOf[i] = colourKey.apply(graph.op(i));
            keyCount.merge(keyOf[i], 1, Integer::sum);
        }
        List<String> legendKeys = keyCount.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();

        String title = GraphSvg.summary(graph);
        List<String> collapsedNames = f.stream().filter(v -> v.group != null)
                .sorted(Comparator.comparingInt((Visible v) -> -v.group.size()).thenComparingInt(v -> v.group.first()))
                .map(v -> v.group.name()).toList();
        String note = collapsedNames.isEmpty() ? "every operator drawn; hover a box for its full name"
                : String.format(Locale.ROOT, "%d boxes for %d operators, grouped by %s; hover for names, "
                        + "GraphView.of(g).expand(\"%s\") opens a group", nBoxes, graph.opCount(),
                        mode == Mode.FUSED ? "fused operator" : mode == Mode.CUTS || !Tree.hasScopes(graph)
                                ? "single-node cuts" : "name scope", collapsedNames.get(0));

        double headerH = 44;
        double avail = maxHeight - headerH - 60;
        LayeredLayout.Result lay = null;
        if (!tooTallUnwrapped(f, avail)) {
            lay = LayeredLayout.layout(boxes, links, 0);
        }
        // wrap a tall drawing into columns; keep the layout that needs the least scaling down
        double ratio = Math.max(0.6, (double) maxWidth / avail);
        for (int attempt = 0; attempt < 3 && (lay == null || lay.height() > avail) && nodes > 2; attempt++) {
            LayeredLayout.Result wrapped = LayeredLayout.layout(boxes, links, ratio);
            if (lay == null || fitScale(wrapped, avail) > fitScale(lay, avail) + 1e-9) {
                lay = wrapped;
            }
            if (wrapped.width() > maxWidth) {
                break;
            }
            ratio *= 1.7;
        }
        if (lay == null) {
            lay = LayeredLayout.layout(boxes, links, 0);
        }

        double width = Math.max(Math.max(lay.width() + 2 * MARGIN, 420), Svg.textWidth(title, 13) + 2 * MARGIN);
        width = Math.max(width, Math.min(Svg.textWidth(note, 11) + 2 * MARGIN, maxWidth));
        Legend legend = Legend.layout(legendKeys, Palette::colour, width - 2 * MARGIN, 16);
        double top = headerH + legend.height() + 6;
        double height = top + lay.height() + MARGIN;
        double scale = Math.min(1, Math.min(maxHeight / height, maxWidth / width));

        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width * scale)).append("\" height=\"")
                .append(n(height * scale)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" ").append(Svg.FONT).append(" font-size=\"").append(n(FONT)).append("\"><title>")
                .append(esc(title)).append("</title><rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        s.append("<defs><marker id=\"gv-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" "
                + "markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,1 L10,5 L0,9 z\" fill=\"#555\"/></marker></defs>");
        s.append(Svg.text(MARGIN, 20, "start", "font-size=\"13\" font-weight=\"bold\"", Svg.fit(title, width - 2 * MARGIN, 13)));
        s.append(Svg.text(MARGIN, 36, "start", "font-size=\"11\" fill=\"#555\"", Svg.fit(note, width - 2 * MARGIN, 11)));
        legend.draw(s, MARGIN, headerH);
        double ox = MARGIN + Math.max(0, (width - 2 * MARGIN - lay.width()) / 2);
        double oy = top;

        // links, then labels, then boxes on top
        StringBuilder labels = new StringBuilder();
        int k = 0;
        for (Map.Entry<Long, List<Integer>> e : carried.entrySet()) {
            List<double[]> pts = lay.paths().get(k);
            long total = bytes(e.getValue());
            double sw = 0.8 + Math.min(3.2, Math.log10(Math.max(1, total) / 1024.0 + 1));
            String tip = e.getValue().size() == 1 ? graph.tensor(e.getValue().get(0)).name() + " (" + Sizes.format(total) + ")"
                    : e.getValue().size() + " tensors, " + Sizes.format(total) + ": " + names(e.getValue(), 6);
            s.append("<g><title>").append(esc(tip)).append("</title><path d=\"");
            boolean move = true;
            for (double[] p : pts) {
                if (Double.isNaN(p[0])) {
                    move = true;
                    continue;
                }
                s.append(move ? " M" : " L").append(n(ox + p[0])).append(',').append(n(oy + p[1]));
                move = false;
            }
            s.append("\" fill=\"none\" stroke=\"#777\" stroke-width=\"").append(n(sw))
                    .append("\" stroke-linejoin=\"round\" marker-end=\"url(#gv-arrow)\"/></g>");
            LayeredLayout.Link l = links.get(k);
            labels.append("<g><title>").append(esc(tip)).append("</title>");
            labels.append(Svg.text(ox + lay.labelX()[k] + l.labelWidth() / 2, oy + lay.labelY()[k] + LABEL_FONT,
                    "middle", "font-size=\"" + n(LABEL_FONT) + "\" fill=\"#333\"", l.label()));
            labels.append("</g>");
            k++;
        }
        s.append(labels);
        for (int b = 0; b < nBoxes; b++) {
            drawBox(s, f.get(b), ox + lay.x()[b], oy + lay.y()[b], keyOf);
        }
        for (int t : inputs) {
            drawTensor(s, t, ox + lay.x()[inputNode.get(t)], oy + lay.y()[inputNode.get(t)], "graph input");
        }
        for (int t : outputs) {
            drawTensor(s, t, ox + lay.x()[outputNode.get(t)], oy + lay.y()[outputNode.get(t)], "graph output");
        }
        s.append("</svg>");
        return new Drawing(f, s.toString(), lay.orthogonal(), scale);
    }

    private double fitScale(LayeredLayout.Result r, double availableHeight) {
        return Math.min(1, Math.min(availableHeight / r.height(), (maxWidth - 2 * MARGIN) / r.width()));
    }

    private long bytes(List<Integer> tensors) {
        long b = 0;
        for (int t : tensors) {
            b += graph.bytes(t);
        }
        return b;
    }

    private String names(List<Integer> tensors, int max) {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < tensors.size() && q < max; q++) {
            out.add(graph.tensor(tensors.get(q)).name());
        }
        return String.join(", ", out) + (tensors.size() > max ? ", ..." : "");
    }

    private void drawTensor(StringBuilder s, int t, double x, double y, String what) {
        String name = graph.tensor(t).name();
        s.append("<g><title>").append(esc(name + " (" + Sizes.format(graph.bytes(t)) + ", " + what + ")")).append("</title>");
        s.append("<ellipse cx=\"").append(n(x + TENSOR_W / 2)).append("\" cy=\"").append(n(y + TENSOR_H / 2))
                .append("\" rx=\"").append(n(TENSOR_W / 2)).append("\" ry=\"").append(n(TENSOR_H / 2))
                .append("\" fill=\"#f2f2f2\" stroke=\"#666\"").append(what.endsWith("output") ? " stroke-width=\"2\"" : "")
                .append("/>");
        s.append(Svg.text(x + TENSOR_W / 2, y + TENSOR_H / 2 + 4, "middle", "font-size=\"" + n(LABEL_FONT) + "\"",
                Svg.fit(name, TENSOR_W - 16, LABEL_FONT)));
        s.append("</g>");
    }

    private void drawBox(StringBuilder s, Visible v, double x, double y, String[] keyOf) {
        if (v.group == null) {
            Op op = graph.op(v.op);
            String key = keyOf[v.op];
            String fill = Palette.colour(key);
            String ink = Palette.textColour(fill);
            String tip = op.name() + " : " + op.type() + (key.equals(op.type()) ? "" : " [" + key + "]")
                    + (op.workspaceBytes() > 0 ? ", workspace " + Sizes.format(op.workspaceBytes()) : "");
            s.append("<g><title>").append(esc(tip)).append("</title>");
            s.append(Svg.rect(x, y, BOX_W, BOX_H, "rx=\"5\" fill=\"" + fill + "\" stroke=\"#333\" stroke-width=\"0.8\""));
            s.append(Svg.text(x + BOX_W / 2, y + 16, "middle", "fill=\"" + ink + "\" font-weight=\"bold\"",
                    Svg.fit(normalise(op.name()), BOX_W - 10, FONT)));
            String second = op.type() + (op.workspaceBytes() > 0 ? " \u00b7 ws " + Sizes.format(op.workspaceBytes()) : "");
            s.append(Svg.text(x + BOX_W / 2, y + 30, "middle", "fill=\"" + ink + "\" font-size=\"10\"",
                    Svg.fit(second, BOX_W - 10, 10)));
            s.append("</g>");
            return;
        }
        Group g = v.group;
        List<Integer> ops = new ArrayList<>();
        ops(g, ops);
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (int i : ops) {
            mix.merge(keyOf[i], 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> parts = mix.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        StringBuilder mixText = new StringBuilder();
        for (Map.Entry<String, Integer> e : parts) {
            mixText.append(mixText.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        String tip = g.label() + ": " + g.size() + " ops (" + mixText + "); .expand(\"" + g.name() + "\") opens it";
        s.append("<g><title>").append(esc(tip)).append("</title>");
        s.append(Svg.rect(x + 3, y + 3, BOX_W, GROUP_H, "rx=\"5\" fill=\"#d8d8d8\""));
        s.append(Svg.rect(x, y, BOX_W, GROUP_H, "rx=\"5\" fill=\"#fafafa\" stroke=\"#333\" stroke-width=\"1.2\""));
        s.append(Svg.text(x + BOX_W / 2, y + 15, "middle", "font-weight=\"bold\" fill=\"#1a1a1a\"",
                Svg.fit(g.label(), BOX_W - 10, FONT)));
        s.append(Svg.text(x + BOX_W / 2, y + 29, "middle", "font-size=\"10\" fill=\"#444\"",
                Svg.fit(g.size() + " ops", BOX_W - 10, 10)));
        double sx = x + 6;
        double sw = BOX_W - 12;
        for (Map.Entry<String, Integer> e : parts) {
            double w = sw * e.getValue() / ops.size();
            s.append(Svg.rect(sx, y + GROUP_H - 11, w, 6, "fill=\"" + Palette.colour(e.getKey()) + "\""));
            sx += w;
        }
        s.append("</g>");
    }
}
