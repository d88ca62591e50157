"""The demo year's and the bulk generator's pieces, in the order they run (see demo/__init__.py).

The region tree comes first (every record hangs on it); the report's figures come last,
since they name the programs, titles and stock kinds the other pieces create.
"""

from demo import families, honors, identity, programs, regions, reports
from demo.bulk import families as bulk_families
from demo.bulk import honors as bulk_honors
from demo.bulk import programs as bulk_programs
from demo.bulk import regions as bulk_regions

# (label written by the command, load(context) -> records created)
YEAR = [
    ("regions", regions.load),
    ("programs", programs.load),
    ("honors", honors.load),
    ("families", families.load),
    ("reports", reports.load),
    ("identity", identity.load),
]

# (label, generate(context) -> records created)
BULK = [
    ("regions", bulk_regions.generate),
    ("programs", bulk_programs.generate),
    ("honors", bulk_honors.generate),
    ("families", bulk_families.generate),
]
