/** The built-in network zoo: seeded, named graph generators ({@link io.memsched.zoo.Zoo}). */
package io.memsched.zoo;
