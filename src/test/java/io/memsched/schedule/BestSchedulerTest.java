package io.memsched.schedule;

class BestSchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new BestScheduler(options);
    }

    @Override
    boolean exact() {
        return true;
    }
}
