package io.memsched.io.tflite;

import com.google.flatbuffers.Table;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps absent vectors absent through the FlatBuffers object API. flatc 2.0.8's Java {@code unpack()} turns a
 * vector the file does not have into an empty array, which {@code pack()} then writes as an empty vector (an
 * absent {@code shape_signature} or {@code custom_options} would become present and empty). This walks a table and
 * its unpacked object side by side (through the generated accessors, by name: {@code getX()} on the object,
 * {@code xVector()}, {@code x(j)}, {@code x()} or {@code x(Table)} on the table) and sets an array back to
 * {@code null} where the table's vector is absent, recursing into nested tables, vectors of tables and unions.
 */
final class AbsentVectors {
    private static final String SCHEMA = "io.memsched.io.tflite.schema.";
    /** The public methods of a class, looked up once (a fresh {@code Method} per call would stay slow). */
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> c) {
            Map<String, Method> m = new HashMap<>();
            for (Method x : c.getMethods()) {
                m.put(key(x.getName(), x.getParameterTypes()), x);
            }
            return m;
        }
    };
    /** The getters of an object-API class and the no-argument methods of a table class. */
    private static final ClassValue<List<Method>> DECLARED = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> c) {
            List<Method> m = new ArrayList<>();
            for (Method x : c.getDeclaredMethods()) {
                if (x.getParameterCount() == 0 && Modifier.isPublic(x.getModifiers())
                        && !Modifier.isStatic(x.getModifiers())) {
                    m.add(x);
                }
            }
            m.sort(Comparator.comparing(Method::getName));
            return List.copyOf(m);
        }
    };

    private AbsentVectors() {
    }

    /** Restores absent vectors in {@code object}, the unpacked form of {@code table}. */
    static void restore(Table table, Object object) {
        try {
            walk(table, object);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated TFLite classes do not have the expected accessors", e);
        }
    }

    private static void walk(Object table, Object object) throws ReflectiveOperationException {
        Class<?> tc = table.getClass();
        for (Method getter : DECLARED.get(object.getClass())) {
            String g = getter.getName();
            if (!g.startsWith("get") || g.length() < 4) {
                continue;
            }
            Object value = getter.invoke(object);
            if (value == null) {
                continue;
            }
            String field = Character.toLowerCase(g.charAt(3)) + g.substring(4);
            Class<?> type = getter.getReturnType();
            if (type.isArray()) {
                if (find(tc, field + "Vector").invoke(table) == null) {
                    find(object.getClass(), "set" + g.substring(3), type).invoke(object, (Object) null);
                } else if (isObjectApi(type.getComponentType())) {
                    Method at = find(tc, field, int.class);
                    Object[] items = (Object[]) value;
                    for (int j = 0; j < items.length; j++) {
                        Object item = at.invoke(table, j);
                        if (item != null && items[j] != null) {
                            walk(item, items[j]);
                        }
                    }
                }
            } else if (isObjectApi(type)) {
                Object sub = find(tc, field).invoke(table);
                if (sub != null) {
                    walk(sub, value);
                }
            } else if (type.getName().startsWith(SCHEMA) && type.getSimpleName().endsWith("Union")) {
                Object member = type.getMethod("getValue").invoke(value);
                if (member != null) {
                    String name = member.getClass().getName();
                    Object shell = Class.forName(name.substring(0, name.length() - 1)).getConstructor().newInstance();
                    Object sub = find(tc, field, Table.class).invoke(table, shell);
                    if (sub != null) {
                        walk(sub, member);
                    }
                }
            }
        }
    }

    /**
     * Checks, before an object-API {@code unpack()} allocates arrays of the lengths the file claims, that every
     * vector of {@code table} and the tables it reaches (nested tables, vectors of tables, unions) has at most
     * {@code fileBytes} elements; a corrupted length would otherwise ask for gigabytes.
     *
     * @throws IllegalStateException naming the vector when one is longer than the file
     */
    static void checkLengths(Table table, int fileBytes) {
        try {
            check(table, fileBytes, 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated TFLite classes do not have the expected accessors", e);
        }
    }

    private static void check(Object table, int fileBytes, int depth) throws ReflectiveOperationException {
        if (depth > 16) {
            throw new IllegalStateException("tables nested deeper than the schema allows");
        }
        Class<?> tc = table.getClass();
        for (Method m : DECLARED.get(tc)) {
            String name = m.getName();
            if (name.endsWith("Length") && m.getReturnType() == int.class) {
                String field = name.substring(0, name.length() - "Length".length());
                int n = (int) m.invoke(table);
                if (n < 0 || n > fileBytes) {
                    throw new IllegalStateException("vector '" + field + "' of " + tc.getSimpleName() + " claims "
                            + Integer.toUnsignedString(n) + " elements, more than the file has bytes");
                }
                Method at = find(tc, field, int.class);
                if (at != null && Table.class.isAssignableFrom(at.getReturnType())) {
                    for (int j = 0; j < n; j++) {
                        Object item = at.invoke(table, j);
                        if (item != null) {
                            check(item, fileBytes, depth + 1);
                        }
                    }
                }
            } else if (Table.class.isAssignableFrom(m.getReturnType()) && m.getReturnType() != Table.class) {
                Object sub = m.invoke(table);
                if (sub != null) {
                    check(sub, fileBytes, depth + 1);
                }
            } else if (name.endsWith("Type") && m.getReturnType() == byte.class
                    && find(tc, name.substring(0, name.length() - 4), Table.class) != null) {
                String field = name.substring(0, name.length() - 4);
                int type = (byte) m.invoke(table) & 0xff;
                // the union's enum class: the object API's getter returns <Union>Union
                Method getter = find(Class.forName(tc.getName() + "T"),
                        "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
                Class<?> union = Class.forName(getter.getReturnType().getName().replaceFirst("Union$", ""));
                String member = memberName(union, type);
                if (member != null) {
                    Object shell = Class.forName(SCHEMA + member).getConstructor().newInstance();
                    Object sub = find(tc, field, Table.class).invoke(table, shell);
                    if (sub != null) {
                        check(sub, fileBytes, depth + 1);
                    }
                }
            }
        }
    }

    /** The member type name of union value {@code type}, or null for NONE or a type this schema does not know. */
    private static String memberName(Class<?> union, int type) throws ReflectiveOperationException {
        String[] names = (String[]) union.getField("names").get(null);
        return type == 0 || type >= names.length ? null : names[type];
    }

    /** The public method, or null; walk() and check() only call methods that exist (null is a bug). */
    private static Method find(Class<?> c, String name, Class<?>... params) {
        return METHODS.get(c).get(key(name, params));
    }

    private static String key(String name, Class<?>[] params) {
        StringBuilder k = new StringBuilder(name);
        for (Class<?> p : params) {
            k.append(',').append(p.getName());
        }
        return k.toString();
    }

    private static boolean isObjectApi(Class<?> c) {
        return c.getName().startsWith(SCHEMA) && c.getSimpleName().endsWith("T") && !c.isEnum();
    }
}
