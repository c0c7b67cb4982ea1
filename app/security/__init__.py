"""Keys and secrets: the data key and its wraps, the device identity, attachment encryption."""
