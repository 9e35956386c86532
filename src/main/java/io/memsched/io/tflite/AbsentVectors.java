package io.memsched.io.tflite;

import com.google.flatbuffers.Table;
import java.lang.reflect.Method;

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
        for (Method getter : object.getClass().getDeclaredMethods()) {
            String g = getter.getName();
            if (!g.startsWith("get") || getter.getParameterCount() != 0 || g.length() < 4) {
                continue;
            }
            Object value = getter.invoke(object);
            if (value == null) {
                continue;
            }
            String field = Character.toLowerCase(g.charAt(3)) + g.substring(4);
            Class<?> type = getter.getReturnType();
            if (type.isArray()) {
                if (tc.getMethod(field + "Vector").invoke(table) == null) {
                    object.getClass().getMethod("set" + g.substring(3), type).invoke(object, (Object) null);
                } else if (isObjectApi(type.getComponentType())) {
                    Method at = tc.getMethod(field, int.class);
                    Object[] items = (Object[]) value;
                    for (int j = 0; j < items.length; j++) {
                        Object item = at.invoke(table, j);
                        if (item != null && items[j] != null) {
                            walk(item, items[j]);
                        }
                    }
                }
            } else if (isObjectApi(type)) {
                Object sub = tc.getMethod(field).invoke(table);
                if (sub != null) {
                    walk(sub, value);
                }
            } else if (type.getName().startsWith(SCHEMA) && type.getSimpleName().endsWith("Union")) {
                Object member = type.getMethod("getValue").invoke(value);
                if (member != null) {
                    String name = member.getClass().getName();
                    Object shell = Class.forName(name.substring(0, name.length() - 1)).getConstructor().newInstance();
                    Object sub = tc.getMethod(field, Table.class).invoke(table, shell);
                    if (sub != null) {
                        walk(sub, member);
                    }
                }
            }
        }
    }

    private static boolean isObjectApi(Class<?> c) {
        return c.getName().startsWith(SCHEMA) && c.getSimpleName().endsWith("T") && !c.isEnum();
    }
}
