"""altgen10: an independent synthetic-data generator set in the Xinjiang Uygur Autonomous Region.

A blind test of crosscheck: coal (open-pit and underground), oil and gas, coal-to-chemicals,
aluminium, construction and hazardous-chemicals transport, with Han, Hui, Uyghur and Kazakh names
written the many ways departments write them. Run as
``python -m benchmarks.altgen10.generate --out DIR --scale S --seed N``.
"""
