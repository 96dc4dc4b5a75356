package io.hourglass.server.console;

/** The console's feed pages on the embedded H2 store. */
class FeedConsoleOnH2Test extends FeedConsoleContract {
}
