package io.memsched.rewrite;


/**
 * What a rewrite run changed, in numbers.
 *
 * @param opsBefore operators before
 * @param opsAfter operators after
 * @param tensorsBefore tensors before
 * @param tensorsAfter tensors after
 * @param applied applications of a rule
 * @param skipped anchors where a rule recognised its pattern but declined
 */
public record RewriteStats(int opsBefore, int opsAfter, int tensorsBefore, int tensorsAfter, int applied,
                           int skipped) {
}
