"""Benchmark: envelope build+sign and verify+validate per core, beside raw Ed25519 in the same run.

    python -m tests.bench.envelope_throughput [--seconds 3]

Prints measured rates and their ratios to the raw rates; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.envelope import open_envelope, pae, parse_envelope
from contracts.keys import b64u_decode
from contracts.messages import new_message_id, read_message, write_message
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
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    resolve = resolver_for(key, "MK-BUTEL")
    data = service_data()
    now = dt.datetime.now(dt.UTC)

    def build_and_sign() -> bytes:
        envelope = write_message(
            message_id=new_message_id(),
            source="MK-BUTEL",
            message_type_name="catalogue.service",
            sequence=1,
            data=data,
            key=key,
            time=now,
        )
        return envelope.to_bytes()

    wire = build_and_sign()
    envelope = parse_envelope(wire)
    # Raw rates over the very bytes an envelope signs, so only the envelope work differs.
    signed_bytes = pae(envelope.payload_type, b64u_decode(envelope.payload))
    signature = key.sign(signed_bytes)

    def verify_and_validate() -> object:
        return read_message(open_envelope(parse_envelope(wire), resolve_key=resolve))

    raw_sign = rate(lambda: key.sign(signed_bytes), args.seconds)
    raw_verify = rate(lambda: public.verify(signature, signed_bytes), args.seconds)
    sign = rate(build_and_sign, args.seconds)
    verify = rate(verify_and_validate, args.seconds)
    print(
        f"machine: {os.cpu_count()} cores (one used); envelope of {len(wire)} bytes ({envelope.payload_type})"
    )
    print(f"raw Ed25519 sign         {raw_sign:9.0f} /s")
    print(f"build + sign + serialise {sign:9.0f} /s   ratio {sign / raw_sign:.2f}")
    print(f"raw Ed25519 verify       {raw_verify:9.0f} /s")
    print(f"parse + verify + validate{verify:9.0f} /s   ratio {verify / raw_verify:.2f}")


if __name__ == "__main__":
    main()
