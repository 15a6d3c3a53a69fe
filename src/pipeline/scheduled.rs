//! The scheduled job (`planeval run`): what is new in the inbox is ingested, stale stages re-evaluated, the run logged.
