package io.memsched.kernel;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The first sentence of the javadoc of every public type and member of memsched, for the kernel's inspect
 * (Shift-Tab): JShell finds javadoc only in the JDK's own sources, so the build writes this index next to the
 * classes ({@value #RESOURCE}, made by {@link #main} in {@code process-classes}) and the kernel looks up the
 * signatures JShell resolves. Keys: {@code io.memsched.Memsched.plan(Graph)} (parameter types by simple name,
 * without type arguments), {@code io.memsched.Plan} for a type, {@code io.memsched.Plan.Builder(Graph)} for a
 * constructor, {@code io.memsched.run.ProgressListener.NONE} for a field.
 */
final class JavadocIndex {
    /** Where the index lives on the class path. */
    static final String RESOURCE = "META-INF/memsched/javadoc.tsv";

    private final Map<String, String> sentences;

    private JavadocIndex(Map<String, String> sentences) {
        Map<String, String> all = new TreeMap<>(sentences);
        // JShell prints imported types by simple name (Memsched.plan(Graph graph)): index those keys too
        sentences.forEach((k, v) -> all.putIfAbsent(withoutPackage(k), v));
        this.sentences = Map.copyOf(all);
    }

    /** {@code io.memsched.Plan.Builder.run()} -> {@code Plan.Builder.run()}: the leading lower-case segments go. */
    static String withoutPackage(String key) {
        int open = key.indexOf('(');
        String name = open < 0 ? key : key.substring(0, open);
        String[] segments = name.split("\\.");
        int first = 0;
        while (first < segments.length - 1 && !segments[first].isEmpty() && Character.isLowerCase(segments[first].charAt(0))) {
            first++;
        }
        return String.join(".", List.of(segments).subList(first, segments.length)) + (open < 0 ? "" : key.substring(open));
    }

    /** The index shipped in the jar (empty when the build did not write one). */
    static JavadocIndex load() {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = JavadocIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        m.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return new JavadocIndex(m);
    }

    /** Number of documented elements. */
    int size() {
        return sentences.size();
    }

    /** The first sentence of the element JShell prints as {@code signature}, if the index has it. */
    Optional<String> firstSentence(String signature) {
        String key = key(signature);
        return Optional.ofNullable(sentences.getOrDefault(key, sentences.get(withoutPackage(key))));
    }

    /**
     * The index key of a JShell signature: {@code io.memsched.Plan.Builder io.memsched.Memsched.plan(
     * io.memsched.graph.Graph graph)} -> {@code io.memsched.Memsched.plan(Graph)}.
     */
    static String key(String signature) {
        String s = signature.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            String[] tokens = eraseGenerics(s).trim().split("\\s+");
            return tokens[tokens.length - 1];
        }
        String[] head = eraseGenerics(s.substring(0, open)).trim().split("\\s+");
        String name = head[head.length - 1];
        int close = s.lastIndexOf(')');
        String params = s.substring(open + 1, close < open ? s.length() : close);
        List<String> types = new ArrayList<>();
        for (String p : splitTopLevel(params)) {
            String t = eraseGenerics(p).replaceAll("@\\S+\\s+", "").replaceAll("\\bfinal\\s+", "").trim();
            if (t.isEmpty()) {
                continue;
            }
            t = t.replace("...", "[] ");
            String[] parts = t.split("\\s+");
            String type = parts.length > 1 ? String.join("", List.of(parts).subList(0, parts.length - 1)) : parts[0];
            types.add(simple(type));
        }
        return name + "(" + String.join(",", types) + ")";
    }

    private static String simple(String type) {
        String base = type.replace("[]", "");
        String dims = type.substring(base.length());
        int dot = base.lastIndexOf('.');
        return (dot < 0 ? base : base.substring(dot + 1)) + dims;
    }

    private static String eraseGenerics(String s) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> splitTopLevel(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i));
                start = i + 1;
            }
        }
        out.add(params.substring(start));
        return out;
    }

    /** Builds the index from the sources under {@code args[0]} into {@code args[1]} (a build step). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: JavadocIndex SOURCE_DIR OUTPUT_FILE (given " + args.length + ")");
        }
        Map<String, String> index = build(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        StringBuilder b = new StringBuilder();
        index.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
    }

    /** Key -> first sentence for every documented public or protected element under {@code sourceRoot}. */
    static Map<String, String> build(Path sourceRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, String> index = new TreeMap<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                new Scanner(docs, pkg, index).scan(unit, null);
            }
        }
        return index;
    }

    /** Walks one file, keeping the enclosing type names. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final Map<String, String> index;
        private final Deque<String> types = new ArrayDeque<>();

        Scanner(DocTrees docs, String pkg, Map<String, String> index) {
            this.docs = docs;
            this.index = index;
            types.push(pkg);
        }

        private void put(String key) {
            DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
            if (doc != null) {
                String text = render(doc.getFirstSentence());
                if (!text.isEmpty()) {
                    index.put(key, text);
                }
            }
        }

        private boolean isPrivate(Tree t) {
            String mods = t instanceof ClassTree c ? c.getModifiers().toString()
                    : t instanceof MethodTree m ? m.getModifiers().toString()
                    : t instanceof VariableTree v ? v.getModifiers().toString() : "";
            return mods.contains("private");
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (isPrivate(node)) {
                return null;
            }
            String outer = types.peek();
            String name = outer.isEmpty() ? node.getSimpleName().toString() : outer + "." + node.getSimpleName();
            put(name);
            types.push(name);
            try {
                return super.visitClass(node, unused);
            } finally {
                types.pop();
            }
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            if (!isPrivate(node)) {
                String owner = types.peek();
                String name = node.getName().contentEquals("<init>") ? owner : owner + "." + node.getName();
                List<String> params = new ArrayList<>();
                for (VariableTree p : node.getParameters()) {
                    params.add(simple(eraseGenerics(p.getType().toString()).replace("...", "[]")));
                }
                put(name + "(" + String.join(",", params) + ")");
            }
            return null; // no need to look into bodies
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            TreePath parent = getCurrentPath().getParentPath();
            if (parent != null && parent.getLeaf() instanceof ClassTree && !isPrivate(node)) {
                put(types.peek() + "." + node.getName());
            }
            return null;
        }
    }

    /** Plain text of a doc fragment: code and links as their text, HTML tags dropped, whitespace collapsed. */
    static String render(List<? extends DocTree> trees) {
        StringBuilder b = new StringBuilder();
        for (DocTree t : trees) {
            if (t instanceof TextTree x) {
                b.append(x.getBody());
            } else if (t instanceof LiteralTree x) {
                b.append(x.getBody().getBody());
            } else if (t instanceof LinkTree x) {
                b.append(x.getLabel().isEmpty() ? x.getReference().getSignature().replaceFirst("^#", "").replace('#', '.')
                        : render(x.getLabel()));
            } else if (t instanceof EntityTree x) {
                b.append(switch (x.getName().toString()) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    default -> " ";
                });
            } else if (t.getKind() != DocTree.Kind.START_ELEMENT && t.getKind() != DocTree.Kind.END_ELEMENT) {
                b.append(t);
            }
        }
        return b.toString().replaceAll("\\s+", " ").strip();
    }
}
