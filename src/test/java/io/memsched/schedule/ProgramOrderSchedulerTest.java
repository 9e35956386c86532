package io.memsched.schedule;

class ProgramOrderSchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new ProgramOrderScheduler(options);
    }

}
