"""`python3 -m samplegen ...` with tools/ on sys.path; same as tools/samplegen/cli.py."""

import sys

from samplegen.cli import main

sys.exit(main())
