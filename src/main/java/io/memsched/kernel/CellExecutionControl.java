package io.memsched.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * In-process JShell execution: the classes of every cell get stop checks ({@link StopCheckWeaver}); each snippet
 * runs on a fresh {@link CellThread} while the calling thread serves the cell's {@link Outbox}; the value object
 * (not only its string) is kept, so renderers see the real result. {@link #stop()} asks the running cell to stop:
 * the thread is interrupted (solvers return their best result so far) and the next stop check in the cell's own
 * code ends it; code that neither returns nor reaches a check within {@link #HARD_STOP_MILLIS} is stopped.
 */
final class CellExecutionControl extends DirectExecutionControl {
    static final long HARD_STOP_MILLIS = 5000;
    private static final String KEY_PREFIX = "\u0001memsched-value-";

    private final Outbox outbox;
    private final UnaryOperator<Runnable> cellScope;
    private volatile String lastLoaded;
    private final AtomicLong keys = new AtomicLong();
    private final Map<String, Object> values = new HashMap<>();
    private volatile CellThread worker;
    private volatile boolean stopped;
    private volatile long cell;

    /** Cells send through {@code outbox}; each snippet's body runs inside {@code cellScope} on its thread. */
    CellExecutionControl(Outbox outbox, UnaryOperator<Runnable> cellScope) {
        this.outbox = outbox;
        this.cellScope = cellScope;
    }

    /** The class loader of the cells' classes, once one was loaded. */
    Optional<ClassLoader> cellClassLoader() {
        String name = lastLoaded;
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(findClass(name).getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The object behind a value string returned by {@link #invoke(Method)}, if it is one of ours. */
    synchronized Optional<Object> value(String valueString) {
        return Optional.ofNullable(valueString).filter(values::containsKey).map(values::get);
    }

    /** Whether {@code valueString} names a kept value (possibly {@code null}). */
    synchronized boolean hasValue(String valueString) {
        return valueString != null && values.containsKey(valueString);
    }

    /** Starts cell {@code number}: forgets the values of the previous cell and the stop flag. */
    synchronized void newCell(long number) {
        values.clear();
        stopped = false;
        cell = number;
    }

    /** Whether {@link #stop()} was called during the current cell. */
    boolean wasStopped() {
        return stopped;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.load(woven(cbcs));
        if (cbcs.length > 0) {
            lastLoaded = cbcs[cbcs.length - 1].name();
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.redefine(woven(cbcs));
    }

    private static ClassBytecodes[] woven(ClassBytecodes[] cbcs) {
        ClassBytecodes[] out = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            out[i] = new ClassBytecodes(cbcs[i].name(), StopCheckWeaver.weave(cbcs[i].bytecodes()));
        }
        return out;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        CellThread t = new CellThread(cellScope.apply(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }), cell);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker = t;
        if (stopped) {
            t.requestStop(); // stopped between two snippets: the next one ends at its first check
        }
        t.start();
        try {
            outbox.serveUntilDone(t);
        } finally {
            worker = null;
        }
        Throwable f = failure[0] instanceof InvocationTargetException ite && ite.getCause() != null
                ? ite.getCause() : failure[0];
        if (f instanceof CellStopped || f instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            if (failure[0] instanceof Exception e) {
                throw e;
            }
            throw new InvocationTargetException(failure[0]);
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        synchronized (this) {
            values.put(key, result[0]);
        }
        return key;
    }

    /** Asks the running cell to stop (see the class comment); stops its thread if it goes on past the grace time. */
    @Override
    public void stop() {
        stopped = true;
        CellThread t = worker;
        if (t == null) {
            return;
        }
        t.requestStop();
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
            // newer JDKs cannot stop threads: the interrupt and the stop checks are all we have
        }
    }
}
