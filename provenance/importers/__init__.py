"""Importers: material that is neither a claims file nor a plain article text.

* :mod:`provenance.importers.html` - a saved HTML page or a web URL: the main text is found with
  trafilatura (the optional ``[html]`` extra) and goes through the extractor.
* :mod:`provenance.importers.frontmatter` - the metadata header (title, date, outlet, URL) a
  plain-text article may begin with, split from the body the extractor reads.
* :mod:`provenance.importers.claimreview` - published fact-checks (schema.org ClaimReview
  JSON-LD) matched against the stored claims and attached to them as verdicts.

Importers sit beside the store in the layering (they use ``extract`` and ``store``, never
``cli``), and import their optional dependencies lazily so that ``import provenance`` stays light.
"""
