"""Subcommands of ``crosscheck``; one module each, discovered by :mod:`pipelines.cli`."""
