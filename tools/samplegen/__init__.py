"""samplegen: deterministic synthetic scans of Japanese municipal forms, with ground truth.

Run as ``python3 tools/samplegen/cli.py <subcommand>`` from the repository root
(see docs/samples.md).
"""

GENERATOR_VERSION = "samplegen/1"
