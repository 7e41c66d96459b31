"""The RQ worker: ``python worker.py [--name NAME] [--burst]`` (see semak/worker.py)."""

import sys

from semak.worker import main

if __name__ == "__main__":
    sys.exit(main())
