"""An independent second synthetic-data generator (altgen) and a harness comparing crosscheck's
accuracy on it with the accuracy on our own generator.

``benchmarks.altgen.generate`` writes every contract source plus ``truth/`` from the data
contract and the domain brief alone (deliberately different choices from ``synthetic_data``);
``benchmarks.altgen.run_check`` runs the real CLI on both and prints the metrics side by side.
"""
