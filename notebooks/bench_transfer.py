"""Measures how long features_wide takes to reach pandas from a notebook (the README quotes it).

    RADSPARK_HOME=.. PYTHONPATH=. /usr/bin/python3 bench_transfer.py [TABLES] [--runs N]

TABLES defaults to the demo's tables; the widest parameter set in it is used (after notebook 02 has run,
the re-extraction with all filters: ~1,790 columns). Prints, per call of Tables.wide(): the whole call,
the Spark part (query and collect on the driver) and the columnar conversion to pandas; the first call of
a fresh JVM includes JIT and Delta's first log replay. Also times the same result moved row by row, as a
JPype loop over collected Rows would, for comparison.
"""
import argparse
import statistics
import time

import pandas as pd

import radspark_nb as rs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tables", nargs="?")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    t0 = time.time()
    spark = rs.session()
    t = spark.open(a.tables or rs.demo_tables())
    print(f"session + open: {time.time() - t0:.1f} s")
    widths = spark.sql("SELECT params_hash, count(*) AS n FROM features GROUP BY params_hash "
                       "HAVING n > 0 ORDER BY n DESC")
    h = widths.params_hash.iloc[0]
    CF = rs.J("org.radspark.notebook.ColumnarFrame")
    totals, sparks, pandas_ = [], [], []
    for i in range(a.runs):
        s = time.perf_counter()
        df = t.wide(params_hash=h)
        totals.append(time.perf_counter() - s)
        s = time.perf_counter()
        frame = CF.collect(spark.dataset(f"SELECT * FROM features_wide WHERE params_hash = '{h}'"), 1_000_000)
        sparks.append(time.perf_counter() - s)
        s = time.perf_counter()
        rs.frame_to_pandas(frame)
        pandas_.append(time.perf_counter() - s)
        print(f"call {i + 1}: wide() {totals[-1]:.2f} s (query+collect {sparks[-1]:.2f} s, "
              f"to pandas {pandas_[-1] * 1000:.0f} ms) -> {df.shape[0]} rows x {df.shape[1]} columns")
    rows = spark.dataset(f"SELECT * FROM features_wide WHERE params_hash = '{h}'").collectAsList()
    s = time.perf_counter()
    cells = [[None if r.isNullAt(j) else (float(r.getDouble(j)) if j >= len(rs.WIDE_KEY) else str(r.getString(j)))
              for j in range(r.size())] for r in rows]
    pd.DataFrame(cells)
    per_value = time.perf_counter() - s
    # a cohort-sized result: 1,000 cases x 1,800 feature columns, generated in Spark (collected once)
    columns = ", ".join(f"rand({j}) AS f{j}" for j in range(1800))
    big = spark.dataset(f"SELECT CAST(id AS STRING) AS patient_id, {columns} FROM range(1000)").cache()
    big.count()
    s = time.perf_counter()
    frame = CF.collect(big, 1_000_000)
    big_collect = time.perf_counter() - s
    s = time.perf_counter()
    rs.frame_to_pandas(frame)
    big_columnar = time.perf_counter() - s
    big_rows = big.collectAsList()
    s = time.perf_counter()
    pd.DataFrame([[str(r.getString(0))] + [float(r.getDouble(j)) for j in range(1, r.size())] for r in big_rows])
    big_per_value = time.perf_counter() - s
    print(f"1,000 x 1,801 generated: collect on the driver {big_collect:.2f} s; to pandas columnar "
          f"{big_columnar:.2f} s, row by row through JPype {big_per_value:.1f} s")
    print(f"median of calls 2..{a.runs}: wide() {statistics.median(totals[1:]):.2f} s, "
          f"of which to pandas {statistics.median(pandas_[1:]) * 1000:.0f} ms; "
          f"row by row through JPype instead: {per_value:.2f} s for the same {len(cells)} x {len(cells[0])} cells")


if __name__ == "__main__":
    main()
