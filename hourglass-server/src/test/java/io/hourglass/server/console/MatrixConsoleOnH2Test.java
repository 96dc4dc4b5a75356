package io.hourglass.server.console;

/** The console's matrix, outcome-rule and expiry pages on the embedded H2 store. */
class MatrixConsoleOnH2Test extends MatrixConsoleContract {
}
