/* win32 probes: to be written. */
