/**
 * The built-in network zoo: seeded, named graph generators ({@link io.memsched.zoo.Zoo}) written with the
 * layer-level {@link io.memsched.graph.NetworkBuilder}: NAS cell networks from published genotypes
 * ({@link io.memsched.zoo.NasNetworks}, {@link io.memsched.zoo.Genotype}), RandWire
 * ({@link io.memsched.zoo.RandWire} over {@link io.memsched.zoo.RandomGraphs}), HRNet ({@link io.memsched.zoo.HrNet}),
 * NAS-FPN ({@link io.memsched.zoo.NasFpn}), classic CNNs ({@link io.memsched.zoo.ClassicNetworks}) and random DAGs.
 */
package io.memsched.zoo;
