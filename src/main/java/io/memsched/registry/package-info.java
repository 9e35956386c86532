/**
 * The one registry of components by id: {@link io.memsched.registry.Registry} lists the scheduling methods, solver
 * backends, arena planners and memory models as {@link io.memsched.registry.Catalog}s. Nothing else maps ids to
 * classes.
 */
package io.memsched.registry;
