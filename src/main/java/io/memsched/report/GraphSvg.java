package io.memsched.report;

import static io.memsched.report.Svg.esc;
import static io.memsched.report.Svg.n;

import io.memsched.pass.PassResult;
import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.graph.Sizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Draws a graph as SVG: a layered layout (an operator's layer is its longest path from the graph inputs; a
 * barycentre sweep orders each layer), operators coloured by type or by any other key (e.g. a fused group), tensor
 * sizes on the edges, graph inputs as grey ovals, outputs as thick borders, and a one-line summary on top. Graphs
 * above {@link #COMPACT_OPS} operators are drawn compactly (dots, no labels) so the picture stays small.
 * <pre>{@code
 * String svg = GraphSvg.render(graph);
 * String svg2 = GraphSvg.render(graph, op -> op.name().startsWith("fused") ? "fused" : op.type());
 * }</pre>
 */
public final class GraphSvg {
    /** Above this many operators, the drawing drops labels. */
    public static final int COMPACT_OPS = 120;

    private GraphSvg() {
    }

    /** The one-line summary: name, operators, tensors, inputs/outputs and total tensor bytes. */
    public static String summary(Graph g) {
        return String.format(java.util.Locale.ROOT, "graph '%s': %d ops, %d tensors, %d inputs, %d outputs, %s of tensors",
                g.name(), g.opCount(), g.tensorCount(), g.inputs().size(), g.outputs().size(),
                Sizes.format(g.totalBytes()));
    }

    /**
     * A colour key for {@link #render(Graph, Function)} of {@code fused.input()}: operators fused together share
     * the fused operator's name; unfused operators are {@code "unfused"}.
     */
    public static Function<Op, String> fusedGroups(PassResult fused) {
        java.util.Map<String, String> group = new java.util.HashMap<>();
        for (int k = 0; k < fused.graph().opCount(); k++) {
            Ints m = fused.provenance().origins(k);
            for (int j = 0; j < m.size(); j++) {
                group.put(fused.input().op(m.get(j)).name(), m.size() > 1 ? fused.graph().op(k).name() : "unfused");
            }
        }
        return op -> group.getOrDefault(op.name(), "unfused");
    }

    /** The drawing, coloured by operator type. */
    public static String render(Graph g) {
        return render(g, Op::type);
    }

    /** The drawing, coloured by {@code colourKey} (one colour per distinct key, with a legend). */
    public static String render(Graph g, Function<Op, String> colourKey) {
        Objects.requireNonNull(g, "graph");
        Objects.requireNonNull(colourKey, "colourKey");
        boolean compact = g.opCount() > COMPACT_OPS;
        double nodeW = compact ? 14 : 120;
        double nodeH = compact ? 10 : 34;
        double gapX = compact ? 6 : 30;
        double gapY = compact ? 26 : 62;
        double margin = 20;
        double top = 60;

        int n = g.opCount();
        int[] layer = layers(g);
        int layers = n == 0 ? 0 : Arrays.stream(layer).max().orElse(0) + 1;
        List<List<Integer>> rows = orderLayers(g, layer, layers);
        // graph inputs form an extra row above layer 0
        List<Integer> inputRow = new ArrayList<>();
        for (int k = 0; k < g.inputIndices().size(); k++) {
            inputRow.add(g.inputIndices().get(k));
        }
        // x: inputs side by side; each operator under the mean of its producers, pushed right to avoid overlaps
        double pitch = nodeW + gapX;
        double[] x = new double[n];
        double[] y = new double[n];
        double inputY = top;
        double[] tx = new double[g.tensorCount()];
        for (int k = 0; k < inputRow.size(); k++) {
            tx[inputRow.get(k)] = k * pitch;
        }
        for (int l = 0; l < layers; l++) {
            List<Integer> row = rows.get(l);
            double[] want = new double[row.size()];
            for (int k = 0; k < row.size(); k++) {
                int i = row.get(k);
                Ints ins = g.opInputs(i);
                double sum = 0;
                int cnt = 0;
                for (int q = 0; q < ins.size(); q++) {
                    int t = ins.get(q);
                    int p = g.producer(t);
                    if (p >= 0 || g.isGraphInput(t)) {
                        sum += p >= 0 ? x[p] : tx[t];
                        cnt++;
                    }
                }
                want[k] = cnt == 0 ? k * pitch : sum / cnt;
            }
            // keep the barycentre order, then centre the row's block on the wanted positions and push apart
            double mean = 0;
            for (double w : want) {
                mean += w;
            }
            mean /= Math.max(1, row.size());
            double prev = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < row.size(); k++) {
                double base = mean + (k - (row.size() - 1) / 2.0) * pitch;
                double pos = row.size() == 1 ? want[k] : (want[k] + base) / 2;
                pos = Math.max(pos, prev + pitch);
                x[row.get(k)] = pos;
                y[row.get(k)] = top + (l + 1) * (nodeH + gapY);
                prev = pos;
            }
        }
        double minX = 0;
        double maxX = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
        }
        for (int t : inputRow) {
            minX = Math.min(minX, tx[t]);
            maxX = Math.max(maxX, tx[t]);
        }
        double width = Math.max(Math.max(compact ? 420 : 560, 2 * margin + 7.6 * summary(g).length()),
                2 * margin + maxX - minX + nodeW);
        double shift = (width - (maxX - minX + nodeW)) / 2 - minX;
        for (int i = 0; i < n; i++) {
            x[i] += shift;
        }
        for (int t : inputRow) {
            tx[t] += shift;
        }
        double height = top + layers * (nodeH + gapY) + nodeH + 20;

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(colourKey.apply(g.op(i)));
        }
        Map<String, String> colours = Svg.colours(keys);

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(width, height, summary(g)));
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>");
        s.append(Svg.text(margin, 20, "start", "font-size=\"13\" font-weight=\"bold\"", summary(g)));
        legend(s, colours, margin, 38);

        // edges: producer (or graph input) -> consumer, labelled with the tensor size
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Ints ins = g.opInputs(i);
            for (int k = 0; k < ins.size(); k++) {
                int t = ins.get(k);
                int p = g.producer(t);
                double x1 = (p < 0 ? tx[t] : x[p]) + nodeW / 2;
                double y1 = (p < 0 ? inputY : y[p]) + nodeH;
                double x2 = x[i] + nodeW / 2;
                double y2 = y[i];
                double my = (y1 + y2) / 2;
                s.append("<path d=\"M").append(n(x1)).append(',').append(n(y1)).append(" C").append(n(x1)).append(',')
                        .append(n(my)).append(' ').append(n(x2)).append(',').append(n(my)).append(' ').append(n(x2))
                        .append(',').append(n(y2)).append("\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\"")
                        .append(compact ? "" : " marker-end=\"url(#arrow)\"").append("/>");
                if (!compact) {
                    double lx = (x1 + x2) / 2;
                    double ly = my + 4;
                    labels.append(Svg.text(lx, ly, "middle", "font-size=\"10\" fill=\"#333\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"",
                            Sizes.format(g.bytes(t))));
                }
            }
        }
        // graph inputs
        for (int t : inputRow) {
            String tip = g.tensor(t).name() + " (" + Sizes.format(g.bytes(t)) + ", graph input)";
            s.append("<g><title>").append(esc(tip)).append("</title>");
            s.append("<ellipse cx=\"").append(n(tx[t] + nodeW / 2)).append("\" cy=\"").append(n(inputY + nodeH / 2))
                    .append("\" rx=\"").append(n(nodeW / 2)).append("\" ry=\"").append(n(nodeH / 2))
                    .append("\" fill=\"#eeeeee\" stroke=\"#888\"/>");
            if (!compact) {
                s.append(Svg.text(tx[t] + nodeW / 2, inputY + nodeH / 2 + 4, "middle", "", clip(g.tensor(t).name(), 16)));
            }
            s.append("</g>");
        }
        // operators
        for (int i = 0; i < n; i++) {
            Op op = g.op(i);
            boolean isOutput = false;
            Ints outs = g.opOutputs(i);
            for (int k = 0; k < outs.size(); k++) {
                isOutput |= g.isGraphOutput(outs.get(k));
            }
            String tip = op.name() + " : " + op.type() + (op.workspaceBytes() > 0 ? ", workspace " + Sizes.format(op.workspaceBytes()) : "")
                    + (isOutput ? ", writes a graph output" : "");
            s.append("<g><title>").append(esc(tip)).append("</title>");
            s.append(Svg.rect(x[i], y[i], nodeW, nodeH, "rx=\"" + (compact ? 2 : 6) + "\" fill=\"" + colours.get(keys.get(i))
                    + "\" stroke=\"" + (isOutput ? "#000" : "#444") + "\" stroke-width=\"" + (isOutput ? 3 : 1) + "\""));
            if (!compact) {
                s.append(Svg.text(x[i] + nodeW / 2, y[i] + 14, "middle", "fill=\"white\" font-weight=\"bold\"", clipStart(op.name(), 17)));
                s.append(Svg.text(x[i] + nodeW / 2, y[i] + 28, "middle", "fill=\"white\" font-size=\"10\"", clip(op.type(), 20)));
            }
            s.append("</g>");
        }
        s.append(labels);
        s.append("</svg>");
        return s.toString();
    }

    private static void legend(StringBuilder s, Map<String, String> colours, double x0, double y) {
        double x = x0;
        int shown = 0;
        for (Map.Entry<String, String> e : colours.entrySet()) {
            if (shown++ == Svg.PALETTE.size()) {
                s.append(Svg.text(x, y + 9, "start", "font-size=\"11\"", "(other keys grey)"));
                break;
            }
            s.append(Svg.rect(x, y, 10, 10, "fill=\"" + e.getValue() + "\""));
            String label = clip(e.getKey(), 18);
            s.append(Svg.text(x + 14, y + 9, "start", "font-size=\"11\"", label));
            x += 24 + 6.5 * label.length();
        }
    }

    /** Keeps the end of long names (ONNX paths like {@code /layer1/layer1.0/conv1/Conv} differ at the end). */
    private static String clipStart(String s, int max) {
        return s.length() <= max ? s : "\u2026" + s.substring(s.length() - max + 1);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /** Longest-path layer of every operator (0 for operators fed only by graph inputs). */
    static int[] layers(Graph g) {
        int n = g.opCount();
        int[] layer = new int[n];
        // ops are stored in a valid topological order? not assumed: relax in topological order computed here
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = g.predecessors(i).size();
        }
        java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indeg[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int i = ready.poll();
            Ints succ = g.successors(i);
            for (int k = 0; k < succ.size(); k++) {
                int j = succ.get(k);
                layer[j] = Math.max(layer[j], layer[i] + 1);
                if (--indeg[j] == 0) {
                    ready.add(j);
                }
            }
        }
        return layer;
    }

    /** The operators of each layer, ordered by the mean position of their predecessors (one downward sweep). */
    private static List<List<Integer>> orderLayers(Graph g, int[] layer, int layers) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < g.opCount(); i++) {
            rows.get(layer[i]).add(i);
        }
        double[] pos = new double[g.opCount()];
        for (int l = 0; l < layers; l++) {
            List<Integer> row = rows.get(l);
            double[] key = new double[g.opCount()];
            for (int i : row) {
                Ints pred = g.predecessors(i);
                double sum = 0;
                for (int k = 0; k < pred.size(); k++) {
                    sum += pos[pred.get(k)];
                }
                key[i] = pred.size() == 0 ? i : sum / pred.size();
            }
            row.sort(Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i));
            for (int k = 0; k < row.size(); k++) {
                pos[row.get(k)] = k - row.size() / 2.0;
            }
        }
        return rows;
    }
}
