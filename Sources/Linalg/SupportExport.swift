@_exported import Support  // `Parallel` was Linalg's before it moved to Support; Learn keeps using it through Linalg.
