"""Running a scan: the pipeline, its worker processes (local or Dask), the on-disk store
of claims, and the incremental cache."""
