"""Analysis over a Dataset: quantities and dates compared, claims linked, sources assessed.

* :mod:`provenance.analysis.registry` - the source registry (who answers to whom).
* :mod:`provenance.analysis.linking` - automatic corroborates / conflicts / repeats / updates.
* :mod:`provenance.analysis.independence` - independent source groups and claim status.

Modules are imported on demand (``from provenance.analysis.linking import find_links``) so that
importing the package stays light.
"""
