package io.memsched.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-side, independent look at an ONNX file's wire format: the top-level fields, the graph's fields and the
 * metadata entries, each as raw bytes, to check what a writer kept and what it changed.
 */
record ModelFields(List<Entry> model, List<Entry> graph, Map<String, String> metadata) {
    /** A field number and its raw bytes (tag included). */
    record Entry(int number, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.number == number && Arrays.equals(e.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * number + Arrays.hashCode(bytes);
        }
    }

    static ModelFields of(byte[] data) {
        try {
            List<Entry> model = new ArrayList<>();
            List<Entry> graph = List.of();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int[] f : fields(data, 0, data.length)) {
                byte[] raw = Arrays.copyOfRange(data, f[1], f[3]);
                if (f[0] == 7) {
                    graph = new ArrayList<>();
                    for (int[] g : fields(data, f[2], f[3])) {
                        graph.add(new Entry(g[0], Arrays.copyOfRange(data, g[1], g[3])));
                    }
                } else if (f[0] == 14) {
                    List<int[]> kv = fields(data, f[2], f[3]);
                    String k = "";
                    String v = "";
                    for (int[] e : kv) {
                        String s = new String(data, e[2], e[3] - e[2], StandardCharsets.UTF_8);
                        if (e[0] == 1) {
                            k = s;
                        } else if (e[0] == 2) {
                            v = s;
                        }
                    }
                    metadata.put(k, v);
                    model.add(new Entry(f[0], raw));
                } else {
                    model.add(new Entry(f[0], raw));
                }
            }
            return new ModelFields(model, graph, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The graph's node entries, in file order. */
    List<Entry> nodes() {
        return graph.stream().filter(e -> e.number() == 1).toList();
    }

    /** The graph's other entries, in file order. */
    List<Entry> graphWithoutNodes() {
        return graph.stream().filter(e -> e.number() != 1).toList();
    }

    /** {number, start, payloadStart, end} of each field in [from, to). */
    private static List<int[]> fields(byte[] data, int from, int to) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data, from, to - from);
        List<int[]> out = new ArrayList<>();
        while (true) {
            int start = from + in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                return out;
            }
            int payload = start;
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int len = in.readRawVarint32();
                payload = from + in.getTotalBytesRead();
                in.skipRawBytes(len);
            } else {
                in.skipField(tag);
            }
            out.add(new int[] {WireFormat.getTagFieldNumber(tag), start, payload, from + in.getTotalBytesRead()});
        }
    }
}
