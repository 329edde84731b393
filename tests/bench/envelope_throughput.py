"""Benchmark: envelope build+sign and verify+validate per core, beside raw Ed25519 in the same run.

    python -m tests.bench.envelope_throughput [--seconds 1] [--rounds 5]

Prints measured rates and their ratios to the raw rates; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.envelope import b64_decode, open_envelope, pae, parse_envelope
from contracts.messages import new_message_id, read_message, write_message_bytes
from tests.factories import resolver_for, service_data


def rate(work: Callable[[], object], seconds: float) -> float:
    """Operations per second of ``work`` on one core, after a short warm-up."""
    for _ in range(200):
        work()
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(100):
            work()
        count += 100
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="per rate, per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    resolve = resolver_for(key, "MK-BUTEL")
    data = service_data()
    now = dt.datetime.now(dt.UTC)

    def build_and_sign() -> bytes:
        return write_message_bytes(
            message_id=new_message_id(),
            source="MK-BUTEL",
            message_type_name="catalogue.service",
            sequence=1,
            data=data,
            key=key,
            time=now,
        )

    wire = build_and_sign()
    envelope = parse_envelope(wire)
    # Raw rates over the very bytes an envelope signs, so only the envelope work differs.
    signed_bytes = pae(envelope.payload_type, b64_decode(envelope.payload))
    signature = key.sign(signed_bytes)

    def verify_and_validate() -> object:
        return read_message(open_envelope(parse_envelope(wire), resolve_key=resolve))

    # Interleaved rounds: each round measures all four, so a neighbour's load on this shared
    # machine hits the raw and the envelope rates alike; the medians are reported.
    rounds: dict[str, list[float]] = {"raw_sign": [], "sign": [], "raw_verify": [], "verify": []}
    for _ in range(args.rounds):
        rounds["raw_sign"].append(rate(lambda: key.sign(signed_bytes), args.seconds))
        rounds["sign"].append(rate(build_and_sign, args.seconds))
        rounds["raw_verify"].append(rate(lambda: public.verify(signature, signed_bytes), args.seconds))
        rounds["verify"].append(rate(verify_and_validate, args.seconds))
    median = {name: statistics.median(values) for name, values in rounds.items()}
    sign_ratios = [s / r for s, r in zip(rounds["sign"], rounds["raw_sign"], strict=True)]
    verify_ratios = [v / r for v, r in zip(rounds["verify"], rounds["raw_verify"], strict=True)]
    print(
        f"machine: {os.cpu_count()} cores (one used); envelope of {len(wire)} bytes "
        f"({envelope.payload_type}); {args.rounds} rounds of {args.seconds:g} s, medians"
    )
    print(f"raw Ed25519 sign          {median['raw_sign']:9.0f} /s")
    print(
        f"build + sign + serialise  {median['sign']:9.0f} /s   ratio {statistics.median(sign_ratios):.2f}"
        f" (rounds {min(sign_ratios):.2f}-{max(sign_ratios):.2f})"
    )
    print(f"raw Ed25519 verify        {median['raw_verify']:9.0f} /s")
    print(
        f"parse + verify + validate {median['verify']:9.0f} /s   ratio {statistics.median(verify_ratios):.2f}"
        f" (rounds {min(verify_ratios):.2f}-{max(verify_ratios):.2f})"
    )


if __name__ == "__main__":
    main()
