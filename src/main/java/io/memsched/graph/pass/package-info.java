/**
 * Graph passes: a {@link io.memsched.graph.pass.GraphPass} turns a graph into a smaller or cheaper one and says
 * which operators of the input each operator of the output stands for ({@link io.memsched.graph.pass.PassResult}),
 * with named statistics ({@link io.memsched.graph.pass.PassStats}). Shared by fusion and rewrites.
 */
package io.memsched.graph.pass;
