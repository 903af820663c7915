"""What outlives the process: secrets in the OS keyring, profiles in a config file,
key and batch files read with bounds, and the transactions that span them."""
