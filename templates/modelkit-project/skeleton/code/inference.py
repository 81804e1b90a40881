"""Inference server for the model packed in this ModelKit.

Endpoints:
  GET  /health/live   the process is up
  GET  /health/ready  the model is loaded and can serve
  POST /predict       {"inputs": [...]} -> {"outputs": [...], "modelkit": "<reference>"}

The model is never part of the server's image. In Kubernetes, the pod's `modelkit` init
container runs `kit unpack` on MODELKIT_REF, the ModelKit reference the environment's overlay
names, into a volume at /modelkit before this server starts; the server reads the model from
there, so it serves exactly the ModelKit it reports.

Configuration comes from the environment, set by the Deployment to the init container's
values: MODEL_FRAMEWORK, MODELKIT_DIR (where `kit unpack` put the ModelKit, /modelkit),
MODEL_DIR (its model, /modelkit/model; searched before MODELKIT_DIR, which also holds the
files of a base ModelKit) and MODELKIT_REF (the reference unpacked, reported with
predictions).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

LOGGER = logging.getLogger("inference")
FRAMEWORK = os.environ.get("MODEL_FRAMEWORK", "")
MODELKIT_REF = os.environ.get("MODELKIT_REF", "")
# Where the init container unpacks the ModelKit; the Deployment and the image set the same.
DEFAULT_MODELKIT_DIR = "/modelkit"


class PredictRequest(BaseModel):
    inputs: list[Any] = Field(min_length=1, max_length=1024)


class PredictResponse(BaseModel):
    outputs: list[Any]
    modelkit: str


def model_directories() -> list[Path]:
    """The directories to search for model files, most specific first.

    MODEL_DIR holds the model layer of this ModelKit. When the Kitfile builds on a base ModelKit,
    `kit unpack` puts the base model's files at the paths of the base's own Kitfile, so the whole
    unpacked ModelKit (MODELKIT_DIR) is searched next.
    """
    modelkit_dir = os.environ.get("MODELKIT_DIR", DEFAULT_MODELKIT_DIR)
    model_dir = os.environ.get("MODEL_DIR", f"{modelkit_dir}/model")
    directories: list[Path] = []
    for candidate in (model_dir, modelkit_dir):
        if candidate and Path(candidate).is_dir() and Path(candidate) not in directories:
            directories.append(Path(candidate))
    if not directories:
        raise FileNotFoundError(
            f"Neither {model_dir} (MODEL_DIR) nor {modelkit_dir} (MODELKIT_DIR) is a directory:"
            " the ModelKit was not unpacked"
        )
    return directories


def first_file(*patterns: str) -> Path:
    directories = model_directories()
    for directory in directories:
        for pattern in patterns:
            matches = sorted(directory.rglob(pattern))
            if matches:
                return matches[0]
    searched = ", ".join(str(directory) for directory in directories)
    raise FileNotFoundError(f"No {' or '.join(patterns)} file under {searched}")


def load_transformers() -> Callable[[list[Any]], list[Any]]:
    from transformers import pipeline

    config = first_file("config.json")
    predictor = pipeline(model=str(config.parent))
    return lambda inputs: list(predictor(inputs))


def load_pytorch() -> Callable[[list[Any]], list[Any]]:
    import torch

    model = torch.jit.load(str(first_file("*.pt", "*.pth")), map_location="cpu")
    model.eval()

    def predict(inputs: list[Any]) -> list[Any]:
        with torch.no_grad():
            return model(torch.tensor(inputs)).tolist()

    return predict


def load_onnx() -> Callable[[list[Any]], list[Any]]:
    import numpy
    import onnxruntime

    session = onnxruntime.InferenceSession(str(first_file("*.onnx")))
    input_name = session.get_inputs()[0].name

    def predict(inputs: list[Any]) -> list[Any]:
        outputs = session.run(None, {input_name: numpy.asarray(inputs, dtype=numpy.float32)})
        return outputs[0].tolist()

    return predict


def load_sklearn() -> Callable[[list[Any]], list[Any]]:
    path = first_file("*.skops", "*.joblib")
    if path.suffix == ".skops":
        import skops.io

        model = skops.io.load(str(path), trusted=skops.io.get_untrusted_types(file=str(path)))
    else:
        import joblib

        model = joblib.load(path)
    return lambda inputs: model.predict(inputs).tolist()


def load_tensorflow() -> Callable[[list[Any]], list[Any]]:
    import tensorflow

    saved_model = first_file("saved_model.pb").parent
    model = tensorflow.saved_model.load(str(saved_model))
    serve = model.signatures["serving_default"]

    def predict(inputs: list[Any]) -> list[Any]:
        result = serve(tensorflow.constant(inputs))
        return next(iter(result.values())).numpy().tolist()

    return predict


def load_gguf() -> Callable[[list[Any]], list[Any]]:
    from llama_cpp import Llama

    llm = Llama(model_path=str(first_file("*.gguf")), verbose=False)
    return lambda inputs: [llm(str(prompt), max_tokens=256)["choices"][0]["text"] for prompt in inputs]


LOADERS: dict[str, Callable[[], Callable[[list[Any]], list[Any]]]] = {
    "transformers": load_transformers,
    "pytorch": load_pytorch,
    "onnx": load_onnx,
    "sklearn": load_sklearn,
    "tensorflow": load_tensorflow,
    "gguf": load_gguf,
}


class ModelHolder:
    """Loads the model once, in the background, so liveness answers while it loads."""

    def __init__(self) -> None:
        self.predict: Callable[[list[Any]], list[Any]] | None = None
        self.error: str | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        try:
            loader = LOADERS[FRAMEWORK]
        except KeyError:
            self.error = f"Unsupported MODEL_FRAMEWORK {FRAMEWORK!r}"
            LOGGER.error(self.error)
            return
        try:
            predict = loader()
        except Exception as error:  # noqa: BLE001 - reported through /health/ready
            self.error = f"Could not load the model: {error}"
            LOGGER.exception("Could not load the model")
            return
        with self._lock:
            self.predict = predict
        LOGGER.info("Model loaded (%s, %s)", FRAMEWORK, MODELKIT_REF or "local files")


holder = ModelHolder()


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=holder.load, name="model-loader", daemon=True).start()
    yield


app = FastAPI(title="Model server", lifespan=lifespan)


@app.get("/health/live")
def live() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/health/ready")
def ready() -> dict[str, str]:
    if holder.predict is None:
        raise HTTPException(status_code=503, detail=holder.error or "loading")
    return {"status": "ready", "modelkit": MODELKIT_REF}


@app.post("/predict", response_model=PredictResponse)
def predict(request: PredictRequest) -> PredictResponse:
    if holder.predict is None:
        raise HTTPException(status_code=503, detail=holder.error or "The model is still loading")
    try:
        outputs = holder.predict(request.inputs)
    except (ValueError, TypeError) as error:
        raise HTTPException(status_code=422, detail=f"Invalid inputs: {error}") from error
    return PredictResponse(outputs=outputs, modelkit=MODELKIT_REF)
