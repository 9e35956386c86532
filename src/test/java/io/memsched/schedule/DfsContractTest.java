package io.memsched.schedule;

/** The shared scheduler contract for {@code dfs}. */
class DfsContractTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new DfsScheduler(options);
    }
}
