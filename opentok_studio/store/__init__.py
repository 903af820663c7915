"""Where credentials live outside the process: key files now, the OS keyring later."""
