package io.memsched.schedule;

class GreedySchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new GreedyScheduler(options);
    }

}
