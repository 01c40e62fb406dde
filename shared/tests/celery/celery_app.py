"""A real Celery 5.5 app that talks to TTS queues, for the interoperability tests.

    python celery_app.py send TASK QUEUE ARGS_JSON KWARGS_JSON
        publishes one task the way a Django/Celery producer does and prints its id.
    python celery_app.py worker QUEUE TASK OUTPUT_FILE
        runs a worker on QUEUE that executes TASK by appending {"id", "args", "kwargs"} as one
        JSON line to OUTPUT_FILE.

The broker URL comes from TTS_CELERY_BROKER_URL.
"""

import json
import os
import sys

from celery import Celery

app = Celery("tts_interop", broker=os.environ["TTS_CELERY_BROKER_URL"])
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    result_backend=None,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


def send(task, queue, args_json, kwargs_json):
    result = app.send_task(task, args=json.loads(args_json), kwargs=json.loads(kwargs_json), queue=queue)
    print(result.id, flush=True)


def worker(queue, task, output):
    @app.task(name=task, bind=True)
    def record(self, *args, **kwargs):
        with open(output, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": self.request.id, "args": list(args), "kwargs": kwargs}) + "\n")

    app.worker_main(
        [
            "worker",
            "--loglevel=WARNING",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-Q",
            queue,
        ]
    )


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "send":
        send(*sys.argv[2:6])
    elif command == "worker":
        worker(*sys.argv[2:5])
    else:
        sys.exit(f"unknown command {command}")
