print("bench-load: not written yet")
