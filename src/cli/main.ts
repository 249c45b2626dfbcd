/** The `candor` command. */
process.exitCode = 0;
