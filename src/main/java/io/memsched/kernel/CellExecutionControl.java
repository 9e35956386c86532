package io.memsched.kernel;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * In-process JShell execution that runs each snippet on a fresh worker thread and keeps the value object (not only
 * its string), so renderers see the real result. {@link #stop()} interrupts the worker (long solves poll for it and
 * return their best result); if the worker ignores the interrupt for {@link #HARD_STOP_MILLIS}, it is stopped.
 */
final class CellExecutionControl extends DirectExecutionControl {
    static final long HARD_STOP_MILLIS = 5000;
    private static final String KEY_PREFIX = "\u0001memsched-value-";

    private final AtomicLong keys = new AtomicLong();
    private final Map<String, Object> values = new HashMap<>();
    private volatile Thread worker;
    private volatile boolean stopped;

    /** The object behind a value string returned by {@link #invoke(Method)}, if it is one of ours. */
    synchronized Optional<Object> value(String valueString) {
        return Optional.ofNullable(valueString).filter(values::containsKey).map(values::get);
    }

    /** Whether {@code valueString} names a kept value (possibly {@code null}). */
    synchronized boolean hasValue(String valueString) {
        return valueString != null && values.containsKey(valueString);
    }

    /** Forgets the values of the previous cell and the stop flag. */
    synchronized void newCell() {
        values.clear();
        stopped = false;
    }

    /** Whether {@link #stop()} was called during the current cell. */
    boolean wasStopped() {
        return stopped;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "memsched-cell");
        t.setDaemon(true);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker = t;
        t.start();
        try {
            t.join();
        } finally {
            worker = null;
        }
        if (failure[0] != null) {
            if (failure[0] instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() instanceof ThreadDeath
                    || failure[0] instanceof ThreadDeath) {
                throw new StoppedException();
            }
            if (failure[0] instanceof Exception e) {
                throw e;
            }
            throw new java.lang.reflect.InvocationTargetException(failure[0]);
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        synchronized (this) {
            values.put(key, result[0]);
        }
        return key;
    }

    /** Interrupts the running snippet; stops its thread if it does not end within {@link #HARD_STOP_MILLIS}. */
    @Override
    public void stop() {
        Thread t = worker;
        if (t == null) {
            return;
        }
        stopped = true;
        t.interrupt();
        Thread watchdog = new Thread(() -> hardStop(t), "memsched-cell-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void hardStop(Thread t) {
        try {
            t.join(HARD_STOP_MILLIS);
            if (t.isAlive()) {
                t.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // newer JDKs cannot stop threads: the interrupt is all we can do
        }
    }
}
