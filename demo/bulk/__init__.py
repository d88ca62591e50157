"""The bulk generator's pieces: shared context in demo/bulk/context.py, order in demo/pieces.py."""
