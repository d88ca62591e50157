"""The demo year and the bulk generator: data for development, tests and benchmarks.

Not part of the product: `config.settings.dev` and `config.settings.test` install this
app, `config.settings.production` does not, and what it needs beyond the product (Faker)
is in requirements-demo.txt, which production does not install.

How the pieces are found: this app holds one module per kind of record — the demo year's
`demo/regions.py`, `programs.py`, `honors.py`, `families.py`, `reports.py`, each with a
`load(context: DemoContext) -> int`, and the bulk generator's `demo/bulk/regions.py`,
`programs.py`, `honors.py`, `families.py`, each with a `generate(context: BulkContext) ->
int` — and `demo/pieces.py` lists them in the order they run (regions first, the report's
figures last, since they name the other apps' titles and programs). A fourth record app
adds its module here and one line to that list; neither core nor the record apps know of
the demo. An explicit list was chosen over discovery by app config: the order is a
dependency order, and a list says it where a reader looks.
"""
