package io.hourglass.server.console;

/** The schedule editor's contract on the embedded H2 store. */
class ScheduleEditorOnH2Test extends ScheduleEditorContract {
}
