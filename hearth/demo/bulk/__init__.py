"""The large synthetic data set (``hearth generate``): the same simulation, bulk-loaded."""
