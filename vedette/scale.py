"""Scale: the same pipeline stages inside Spark, for corpora past one machine.

The driver ingests (cheap I/O) and keeps the run's accounting in `Pipeline.run`; each job's
new documents are cut into exactly the batches the in-process engine would make, and Spark's
`mapPartitions` runs `Pipeline.process` on each — the very stage functions of the in-process
engine, with one model and gazetteer load per Python worker. Some stages read a batch together
(the geoparser infers each outlet's home from its documents in the batch), so equal batches are
what makes the two engines' results equal. Events of each batch are appended to a Parquet dataset, and the processed
documents come back to the driver to be stored, so the store ends identical to an in-process run.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vedette import config
from vedette.pipeline import Pipeline, outlet_window
from vedette.records import Document

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

def job_size() -> int:
    """Documents per Spark job: one outlet window of `Pipeline.run`, so the job's batches are exactly the
    in-process engine's."""
    return outlet_window()


EVENT_COLUMNS = ("id", "doc_id", "event_type", "modality", "actor", "actor_country", "target", "place_name",
                 "lat", "lon", "date", "confidence", "place_inferred", "payload")


def start_spark(master: str = "local[*]", app_name: str = "vedette") -> SparkSession:
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need vedette's environment too
    return (SparkSession.builder.master(master).appName(app_name)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate())


def _process_partition(stage_names: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
    """The function each Spark worker runs: batches of JSON documents in, processed JSON documents out."""

    def process(batches: Iterator[list[str]]) -> Iterator[str]:
        os.environ.update(env)  # the gazetteer and model settings of the driver
        pipeline = Pipeline(stage_names)
        for lines in batches:
            for doc in pipeline.process([Document.model_validate_json(line) for line in lines]):
                yield doc.model_dump_json()

    return process


def event_rows(doc: Document) -> list[dict[str, Any]]:
    """Flat Parquet rows for a processed document's events (the full record rides along as JSON)."""
    rows = []
    for event in doc.events:
        place = event.place
        rows.append({
            "id": event.id, "doc_id": doc.id, "event_type": event.event_type, "modality": event.modality,
            "actor": event.actor.name if event.actor else None,
            "actor_country": event.actor.country if event.actor else None,
            "target": event.target.name if event.target else None,
            "place_name": place.name if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "date": event.date, "confidence": event.confidence, "place_inferred": event.place_inferred,
            "payload": event.model_dump_json(),
        })
    return rows


class SparkProcessor:
    """A `Pipeline.run` batch processor that runs the stages in Spark and appends events to Parquet."""

    def __init__(self, spark: SparkSession, events_dir: Path, stage_names: list[str],
                 partitions: int | None = None) -> None:
        self.spark = spark
        self.events_dir = events_dir
        self.stage_names = stage_names
        self.partitions = partitions or spark.sparkContext.defaultParallelism
        self.env = {k: v for k, v in os.environ.items() if k.startswith("VEDETTE_")}

    def __call__(self, batch: list[Document]) -> list[Document]:
        from pyspark.sql.types import BooleanType, DoubleType, StringType, StructField, StructType

        size = int(config.get("batch_size"))
        batches = [[doc.model_dump_json() for doc in batch[i : i + size]] for i in range(0, len(batch), size)]
        processed = (self.spark.sparkContext.parallelize(batches, min(self.partitions, len(batches)))
                     .mapPartitions(_process_partition(self.stage_names, self.env))
                     .cache())
        types = {"lat": DoubleType(), "lon": DoubleType(), "confidence": DoubleType(), "place_inferred": BooleanType()}
        schema = StructType([StructField(c, types.get(c, StringType())) for c in EVENT_COLUMNS])
        rows = processed.flatMap(lambda line: [tuple(r[c] for c in EVENT_COLUMNS)
                                               for r in event_rows(Document.model_validate_json(line))])
        self.spark.createDataFrame(rows, schema).write.mode("append").parquet(str(self.events_dir))
        by_id = {doc.id: doc for doc in (Document.model_validate_json(line) for line in processed.collect())}
        processed.unpersist()
        return [by_id[doc.id] for doc in batch]


def read_events(spark: SparkSession, events_dir: Path) -> list[dict[str, Any]]:
    """The events of a Spark run's Parquet dataset, as full records."""
    return [json.loads(row.payload) for row in spark.read.parquet(str(events_dir)).select("payload").collect()]
