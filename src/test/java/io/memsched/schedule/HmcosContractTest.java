package io.memsched.schedule;

/** The shared scheduler contract for {@code hmcos}. */
class HmcosContractTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new io.memsched.schedule.hmcos.HmcosScheduler(options);
    }
}
