/**
 * HMCOS (Wang et al., DAC 2022): the {@link io.memsched.schedule.hmcos.HmcosScheduler} and its package-private
 * parts, the hierarchical graph of sequences and groups and the budgeted dynamic programme over it.
 */
package io.memsched.schedule.hmcos;
