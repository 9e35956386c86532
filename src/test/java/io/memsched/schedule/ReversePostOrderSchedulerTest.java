package io.memsched.schedule;

class ReversePostOrderSchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new ReversePostOrderScheduler(options);
    }

}
