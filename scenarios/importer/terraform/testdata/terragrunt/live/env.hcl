inputs = { env = "test" }
