"""`python -m etl ...` -> the command line in etl.cli."""
import sys

from etl.cli import main

sys.exit(main())
