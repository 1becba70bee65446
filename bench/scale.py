"""Documents/s per worker core: one process vs a Dask LocalCluster vs local Spark.

The default Extractor (`Gazetteer.default()`, entities + linking + quotes) over the
benchmark corpus (PolNeAR train cycled to --mb), the entities table:

- single: `ex.entities_frame(texts, n_threads=1)` in this process (1 core);
- dask: `namedrop.dask.entities(ddf, ex)` on `LocalCluster(n_workers=2,
  threads_per_worker=1, processes=True)`, 16 partitions of a persisted DataFrame,
  persisted on the workers (as Spark's sink, no transfer of the rows to the client)
  (2 cores);
- spark: `namedrop.spark.entities(sdf, ex, id_col="id")` on `local[2]`, 8 partitions
  of a cached DataFrame, written to Spark's `noop` sink (2 cores).

Each engine is warmed up first (workers receive and unpickle the extractor, Spark starts
its Python workers), then timed over the whole corpus. Prints one JSON line per engine.

Run:  .venv/bin/python bench/scale.py [--mb 20] [--engines single,dask,spark]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

import corpus

import namedrop as nd


def single(ex: nd.Extractor, texts: list[str]) -> dict:
    t0 = time.perf_counter()
    rows = len(ex.entities_frame(texts, n_threads=1))
    return {"seconds": time.perf_counter() - t0, "rows": rows, "cores": 1}


def dask(ex: nd.Extractor, texts: list[str]) -> dict:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster, wait

    import namedrop.dask as nd_dask

    df = pd.DataFrame({"text": texts})
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        ddf = dd.from_pandas(df, npartitions=16).persist()
        nd_dask.entities(dd.from_pandas(df.head(64), npartitions=2), ex).compute()  # warm-up
        t0 = time.perf_counter()
        out = nd_dask.entities(ddf, ex).persist()
        wait(out)
        seconds = time.perf_counter() - t0
        rows = len(out)
        client.close()
    return {"seconds": seconds, "rows": rows, "cores": 2}


def spark(ex: nd.Extractor, texts: list[str]) -> dict:
    import pandas as pd
    from pyspark.sql import SparkSession

    import namedrop.spark as nd_spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    pdf = pd.DataFrame({"id": range(len(texts)), "text": texts})
    sdf = session.createDataFrame(pdf, "id long, text string").repartition(8).cache()
    sdf.count()
    nd_spark.entities(sdf.limit(64), ex, id_col="id").write.format("noop").mode(
        "overwrite"
    ).save()  # warm-up: Python workers start and unpickle the extractor
    t0 = time.perf_counter()
    out = nd_spark.entities(sdf, ex, id_col="id")
    out.write.format("noop").mode("overwrite").save()
    seconds = time.perf_counter() - t0
    rows = out.count()
    session.stop()
    return {"seconds": seconds, "rows": rows, "cores": 2}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--engines", default="single,dask,spark")
    a = ap.parse_args()
    texts = corpus.cycled(a.mb)
    ex = nd.Extractor(nd.Gazetteer.default())
    ex.entities_frame(texts[:20])  # warm-up of this process
    for name in a.engines.split(","):
        res = {"single": single, "dask": dask, "spark": spark}[name](ex, texts)
        res.update(engine=name, docs=len(texts), bytes=corpus.nbytes(texts))
        res["docs_per_s"] = len(texts) / res["seconds"]
        res["docs_per_s_per_core"] = res["docs_per_s"] / res["cores"]
        res["load1"] = round(os.getloadavg()[0], 2)
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
