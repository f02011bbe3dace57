"""``python -m mlmkit`` runs the ``mlmkit`` command (see :mod:`mlmkit.cli`)."""

from mlmkit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
