"""Corpus mode: find and align reuse between many sources and a large corpus of articles.

May import: the standard library, ``viewer`` and ``viewer.core`` (with its exporters); Dask,
``distributed``, pyarrow and fsspec, lazily, from the ``[corpus]`` extra only. Must not import:
Qt or ``viewer.gui``. The engine (``viewer.core``) never imports this package.

Three steps, each in its own module: ``records`` reads the sources and the article shards,
``candidates`` finds the (source, article) pairs that share enough word n-grams, and
``pipeline`` aligns each candidate with the app's own ``compare`` on Dask (or in this process)
and writes one part file per shard; ``stats`` aggregates the parts. ``command`` is the
``source-compare corpus`` command line.
"""
