//! `ingest`: returns, baseline sheets and packages into the store — which files are new, corrections superseding originals.
