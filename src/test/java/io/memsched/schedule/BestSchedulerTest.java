package io.memsched.schedule;

import io.memsched.schedule.portfolio.BestScheduler;
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
