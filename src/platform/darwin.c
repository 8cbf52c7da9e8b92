/* darwin probes: to be written. */
