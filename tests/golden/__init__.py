"""Golden files of the export and trace tests, and the Dataset they are rendered from."""
