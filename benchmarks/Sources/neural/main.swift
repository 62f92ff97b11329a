print("bench-neural: not written yet")
