print("bench-trees: not written yet")
