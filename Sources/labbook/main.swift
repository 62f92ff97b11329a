print("labbook: under construction")
