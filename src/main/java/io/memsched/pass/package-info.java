/**
 * The pass framework: a {@link io.memsched.pass.Pass} turns a graph into another under a
 * {@link io.memsched.pass.PassContext} (memory model, deadline, progress) and returns a
 * {@link io.memsched.pass.PassResult} with typed {@link io.memsched.pass.PassStats} and a
 * {@link io.memsched.pass.Provenance} saying which input operators each output operator stands for (a grouping,
 * such as fusion, also expands orders back). A {@link io.memsched.pass.Pipeline} is a sequence or fixpoint of
 * passes and is itself a pass. Fusion rules, SERENITY rewrites and user passes all implement it.
 */
package io.memsched.pass;
