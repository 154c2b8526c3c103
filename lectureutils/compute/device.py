"""Where computations run: ``LECTUREUTILS_DEVICE`` if set, else CUDA when present, else the CPU.

The choice (and the dtype that goes with it) is recorded in each result's provenance, never in
its cache key: a GPU and a CPU compute "the same" entry. ``choose`` is a pure function of what the
machine offers, so the CUDA branch is tested on a machine without a GPU.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass

DEVICE_VARIABLE = "LECTUREUTILS_DEVICE"


@dataclass(frozen=True)
class DeviceChoice:
    device: str  # "cpu", "cuda", "cuda:1"
    dtype: str  # torch dtype name: "float32", "bfloat16", "float16"
    reason: str
    name: str = ""  # "NVIDIA H100 80GB HBM3", or the CPU

    @property
    def type(self) -> str:
        return self.device.split(":")[0]


def choose(
    override: str | None,
    cuda_available: bool,
    bf16_supported: bool,
    cuda_name: str = "",
    cpu_name: str = "CPU",
) -> DeviceChoice:
    """The device and dtype for a machine with these capabilities.

    float32 on the CPU (bfloat16 matmuls are slow there and change the numbers); bfloat16 on a
    GPU that supports it, float16 otherwise.
    """
    requested = (override or "").strip().lower()
    if requested and requested != "auto":
        if requested.startswith("cuda"):
            if not cuda_available:
                raise RuntimeError(
                    f"{DEVICE_VARIABLE}={override!r} but torch sees no CUDA device "
                    "(use cpu, or leave it unset to choose automatically)"
                )
            dtype = "bfloat16" if bf16_supported else "float16"
            return DeviceChoice(requested, dtype, f"{DEVICE_VARIABLE}={override}", cuda_name)
        if requested == "cpu":
            return DeviceChoice("cpu", "float32", f"{DEVICE_VARIABLE}=cpu", cpu_name)
        raise RuntimeError(f"{DEVICE_VARIABLE}={override!r}: expected cpu, cuda, cuda:N or auto")
    if cuda_available:
        return DeviceChoice("cuda", "bfloat16" if bf16_supported else "float16", "CUDA available", cuda_name)
    return DeviceChoice("cpu", "float32", "no CUDA device", cpu_name)


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


def current() -> DeviceChoice:
    """The choice for this machine (imports torch)."""
    import torch

    cuda = torch.cuda.is_available()
    return choose(
        os.environ.get(DEVICE_VARIABLE),
        cuda_available=cuda,
        bf16_supported=bool(cuda and torch.cuda.is_bf16_supported()),
        cuda_name=torch.cuda.get_device_name(0) if cuda else "",
        cpu_name=f"{cpu_name()} ({os.cpu_count()} cores, {torch.get_num_threads()} threads)",
    )


def seed_everything(seed: int) -> None:
    """Fixed seeds for Python, numpy and torch (CPU and CUDA)."""
    import numpy
    import torch

    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
