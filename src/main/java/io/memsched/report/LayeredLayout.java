package io.memsched.report;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.alg.layered.options.WrappingStrategy;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A top-down layered drawing of boxes and links computed by the Eclipse Layout Kernel's layered algorithm (Sugiyama
 * style: layering, crossing minimisation, node placement) with orthogonal edges routed around the boxes and link
 * labels placed where they overlap nothing. A long drawing can be wrapped into chunks placed side by side
 * (ELK's graph wrapping). The only class that uses ELK.
 *
 * <p>Reference: M. Sp&ouml;nemann et al., "Graph layout support for model-driven engineering" (the ELK layered
 * algorithm), and the ELK documentation at eclipse.dev/elk. Deterministic: ELK's random seed is fixed.
 */
final class LayeredLayout {
    /** A box to place. */
    record Box(double width, double height) {
    }

    /** A link from box {@code from} to box {@code to} with a label of the given size (empty text: no label). */
    record Link(int from, int to, String label, double labelWidth, double labelHeight) {
    }

    /**
     * Where everything went: box corners, link polylines (start, bends, end; a NaN point separates the sections of
     * a link) and label corners.
     */
    record Result(double width, double height, double[] x, double[] y, List<List<double[]>> paths, double[] labelX,
                  double[] labelY) {
        /** Whether every link runs in horizontal and vertical segments (ELK's wrapping can leave a diagonal). */
        boolean orthogonal() {
            for (List<double[]> p : paths) {
                for (int k = 1; k < p.size(); k++) {
                    double[] a = p.get(k - 1);
                    double[] b = p.get(k);
                    if (!Double.isNaN(a[0]) && !Double.isNaN(b[0]) && Math.abs(a[0] - b[0]) > 1 && Math.abs(a[1] - b[1]) > 1) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    static {
        // ELK's option registry (and the cloning of option defaults) must know the layered options before a layout
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private LayeredLayout() {
    }

    /**
     * Lays out the boxes top-down; with {@code wrapAspectRatio > 0} the layers are wrapped into side-by-side chunks
     * so that the drawing's width / height approaches that ratio.
     */
    static Result layout(List<Box> boxes, List<Link> links, double wrapAspectRatio) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 26.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 10.0);
        root.setProperty(CoreOptions.SPACING_EDGE_NODE, 10.0);
        root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 6.0);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 2.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(6));
        root.setProperty(CoreOptions.RANDOM_SEED, 1);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        if (wrapAspectRatio > 0) {
            root.setProperty(LayeredOptions.WRAPPING_STRATEGY, WrappingStrategy.MULTI_EDGE);
            root.setProperty(CoreOptions.ASPECT_RATIO, wrapAspectRatio);
        }
        List<ElkNode> nodes = new ArrayList<>(boxes.size());
        for (Box b : boxes) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setDimensions(b.width(), b.height());
            nodes.add(n);
        }
        List<ElkEdge> edges = new ArrayList<>(links.size());
        for (Link l : links) {
            ElkEdge e = ElkGraphUtil.createSimpleEdge(nodes.get(l.from()), nodes.get(l.to()));
            if (!l.label().isEmpty()) {
                ElkLabel label = ElkGraphUtil.createLabel(l.label(), e);
                label.setDimensions(l.labelWidth(), l.labelHeight());
                label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            edges.add(e);
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

        double[] x = new double[boxes.size()];
        double[] y = new double[boxes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            x[i] = nodes.get(i).getX();
            y[i] = nodes.get(i).getY();
        }
        List<List<double[]>> paths = new ArrayList<>(edges.size());
        double[] lx = new double[edges.size()];
        double[] ly = new double[edges.size()];
        for (int k = 0; k < edges.size(); k++) {
            ElkEdge e = edges.get(k);
            List<double[]> pts = new ArrayList<>();
            for (ElkEdgeSection s : e.getSections()) {
                if (!pts.isEmpty()) {
                    pts.add(new double[] {Double.NaN, Double.NaN}); // a new section starts a new sub-path
                }
                pts.add(new double[] {s.getStartX(), s.getStartY()});
                for (ElkBendPoint p : s.getBendPoints()) {
                    pts.add(new double[] {p.getX(), p.getY()});
                }
                pts.add(new double[] {s.getEndX(), s.getEndY()});
            }
            paths.add(pts);
            if (!e.getLabels().isEmpty()) {
                lx[k] = e.getLabels().get(0).getX();
                ly[k] = e.getLabels().get(0).getY();
            }
        }
        return new Result(root.getWidth(), root.getHeight(), x, y, paths, lx, ly);
    }
}
