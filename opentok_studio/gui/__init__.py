"""The Qt window: thin widgets over the core. The only package that imports Qt."""
