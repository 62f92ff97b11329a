print("bench-clean: not written yet")
