package io.memsched.schedule;

/** The shared scheduler contract for {@code lpmf}. */
class LeastPeakContractTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new LeastPeakScheduler(options);
    }
}
