"""crosscheck pipelines: read → quality gate → normalise → link → detect → store.

The accident-domain knowledge lives here; the record-linkage engine in
:mod:`linkage` knows nothing of accidents.
"""

__version__ = "0.1.0"
