print("bench-linear: not written yet")
