/**
 * The Jupyter side: a Java kernel on JJava's protocol layer ({@code jjava-jupyter}) that evaluates cells with an
 * in-process JShell ({@link io.memsched.kernel.MemschedKernel}), and the renderers that show memsched values as SVG
 * charts and HTML tables ({@link io.memsched.kernel.MemschedExtension}, also usable from a stock JJava kernel).
 * JJava types appear only in this package; the pictures themselves come from {@code io.memsched.report}.
 */
package io.memsched.kernel;
